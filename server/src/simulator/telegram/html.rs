//! Telegram's HTML formatting (`parse_mode: "HTML"`,
//! <https://core.telegram.org/bots/api#html-style>): the text without its tags, and the
//! `MessageEntity` list the tags stood for, with offsets and lengths in UTF-16 code units as
//! Telegram counts them. An unsupported or unbalanced tag is refused with Telegram's "can't
//! parse entities" words, so a shop that forgets to escape `<` in a name sees the error here
//! before it sees it in production.

use serde_json::{json, Value};

/// Text and its entities, as a message carries them.
#[derive(Debug, PartialEq)]
pub(super) struct Formatted {
    pub text: String,
    pub entities: Vec<Value>,
}

/// A tag still open: its name, the entity it makes (none for `<code>` inside `<pre>`, which
/// names the block's language) and where its text starts.
struct Open {
    tag: String,
    entity: Option<Value>,
    start: usize,
}

/// Parses `html`; the error is Telegram's description after "Bad Request: ".
pub(super) fn parse(html: &str) -> Result<Formatted, String> {
    let refuse = |why: String| format!("can't parse entities: {why}");
    let (mut text, mut units, mut open, mut entities) = (String::new(), 0, Vec::<Open>::new(), Vec::new());
    let mut at = 0;
    while let Some(c) = html[at..].chars().next() {
        match c {
            '<' => {
                let end = html[at..]
                    .find('>')
                    .ok_or_else(|| refuse(format!("Unclosed start tag at byte offset {at}")))?;
                let tag = &html[at + 1..at + end];
                match tag.strip_prefix('/') {
                    Some(name) => {
                        let name = name.trim().to_ascii_lowercase();
                        let top = open
                            .pop()
                            .ok_or_else(|| refuse(format!("Unexpected end tag at byte offset {at}")))?;
                        if name != top.tag {
                            return Err(refuse(format!(
                                "Unmatched end tag at byte offset {at}, expected \"</{}>\", found \"</{name}>\"",
                                top.tag
                            )));
                        }
                        if let Some(mut entity) = top.entity.filter(|_| units > top.start) {
                            entity["offset"] = json!(top.start);
                            entity["length"] = json!(units - top.start);
                            entities.push(entity);
                        }
                    }
                    None => {
                        let started = start_tag(tag, &mut open, units)
                            .map_err(|why| refuse(format!("{why} at byte offset {at}")))?;
                        open.push(started);
                    }
                }
                at += end + 1;
            }
            '&' => {
                let (decoded, used) = entity(&html[at..]);
                text.push(decoded);
                units += decoded.len_utf16();
                at += used;
            }
            c => {
                text.push(c);
                units += c.len_utf16();
                at += c.len_utf8();
            }
        }
    }
    if let Some(top) = open.last() {
        return Err(refuse(format!(
            "Can't find end tag corresponding to start tag \"{}\"",
            top.tag
        )));
    }
    entities.sort_by_key(|e| (e["offset"].as_u64(), std::cmp::Reverse(e["length"].as_u64())));
    Ok(Formatted { text, entities })
}

/// The entity a start tag opens (`tag` is what stands between `<` and `>`).
fn start_tag(tag: &str, open: &mut [Open], start: usize) -> Result<Open, String> {
    let (name, attributes) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
    let name = name.to_ascii_lowercase();
    let attribute = |key: &str| attribute(attributes, key);
    let kind = |kind: &str| Some(json!({ "type": kind }));
    let entity = match name.as_str() {
        "" => return Err("Empty tag name".into()),
        "b" | "strong" => kind("bold"),
        "i" | "em" => kind("italic"),
        "u" | "ins" => kind("underline"),
        "s" | "strike" | "del" => kind("strikethrough"),
        "tg-spoiler" => kind("spoiler"),
        "span" if attribute("class").as_deref() == Some("tg-spoiler") => kind("spoiler"),
        "a" => match attribute("href") {
            Some(url) if !url.is_empty() => Some(json!({ "type": "text_link", "url": url })),
            _ => None,
        },
        "code" => match open.last_mut() {
            Some(pre) if pre.tag == "pre" => {
                let language =
                    attribute("class").and_then(|c| c.strip_prefix("language-").map(str::to_owned));
                if let (Some(entity), Some(language)) = (pre.entity.as_mut(), language) {
                    entity["language"] = json!(language);
                }
                None
            }
            _ => kind("code"),
        },
        "pre" => kind("pre"),
        "blockquote" if attributes.split_whitespace().any(|a| a == "expandable") => {
            kind("expandable_blockquote")
        }
        "blockquote" => kind("blockquote"),
        "tg-emoji" => match attribute("emoji-id") {
            Some(id) => Some(json!({ "type": "custom_emoji", "custom_emoji_id": id })),
            None => return Err("Custom emoji identifier must be specified".into()),
        },
        other => return Err(format!("Unsupported start tag \"{other}\"")),
    };
    Ok(Open {
        tag: name,
        entity,
        start,
    })
}

/// The value of `key` among a tag's attributes (`href="…"`, `href='…'` or `href=…`),
/// with its character references decoded.
fn attribute(attributes: &str, key: &str) -> Option<String> {
    let mut rest = attributes.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let (name, after) = rest.split_at(name_end);
        let after = after.trim_start();
        let Some(value) = after.strip_prefix('=') else {
            rest = after;
            continue;
        };
        let value = value.trim_start();
        let (raw, next) = match value.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let body = &value[1..];
                let end = body.find(quote).unwrap_or(body.len());
                (&body[..end], body.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = value.find(char::is_whitespace).unwrap_or(value.len());
                value.split_at(end)
            }
        };
        if name.eq_ignore_ascii_case(key) {
            return Some(decode(raw));
        }
        rest = next.trim_start();
    }
    None
}

/// Decodes every character reference in `raw`.
fn decode(raw: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    while let Some(c) = raw[at..].chars().next() {
        if c == '&' {
            let (decoded, used) = entity(&raw[at..]);
            out.push(decoded);
            at += used;
        } else {
            out.push(c);
            at += c.len_utf8();
        }
    }
    out
}

/// The character a reference at the start of `rest` (`&lt;`, `&#60;`, `&#x3C;`) stands for,
/// and how many bytes it took; an `&` that starts none stands for itself, as Telegram reads it.
fn entity(rest: &str) -> (char, usize) {
    let named = [("&lt;", '<'), ("&gt;", '>'), ("&amp;", '&'), ("&quot;", '"')];
    if let Some((name, c)) = named.iter().find(|(name, _)| rest.starts_with(name)) {
        return (*c, name.len());
    }
    let numeric = rest.strip_prefix("&#").and_then(|digits| {
        let end = digits.find(';')?;
        let (hex, number) = match digits[..end].strip_prefix(['x', 'X']) {
            Some(hex) => (true, hex),
            None => (false, &digits[..end]),
        };
        let code = u32::from_str_radix(number, if hex { 16 } else { 10 }).ok()?;
        Some((char::from_u32(code)?, 2 + end + 1))
    });
    numeric.unwrap_or(('&', 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_entities_counted_in_utf16_units() {
        let formatted = parse("<b>Jazz 🎷 night</b>\n<i>Fri</i> at <a href=\"https://x.example/?a=1&amp;b=2\">Blue Note</a> &lt;3").unwrap();
        assert_eq!(formatted.text, "Jazz 🎷 night\nFri at Blue Note <3");
        assert_eq!(
            formatted.entities,
            vec![
                json!({ "type": "bold", "offset": 0, "length": 13 }),
                json!({ "type": "italic", "offset": 14, "length": 3 }),
                json!({ "type": "text_link", "url": "https://x.example/?a=1&b=2", "offset": 21, "length": 9 }),
            ]
        );
    }

    #[test]
    fn code_inside_pre_names_its_language() {
        let formatted = parse("<pre><code class=\"language-rust\">fn main() {}</code></pre>").unwrap();
        assert_eq!(
            formatted.entities,
            vec![json!({ "type": "pre", "language": "rust", "offset": 0, "length": 12 })]
        );
    }

    #[test]
    fn unsupported_and_unbalanced_tags_are_refused_as_telegram_refuses_them() {
        assert_eq!(
            parse("Rock <div>and</div> roll").unwrap_err(),
            "can't parse entities: Unsupported start tag \"div\" at byte offset 5"
        );
        assert_eq!(
            parse("<b>bold").unwrap_err(),
            "can't parse entities: Can't find end tag corresponding to start tag \"b\""
        );
        assert_eq!(
            parse("<b><i>x</b></i>").unwrap_err(),
            "can't parse entities: Unmatched end tag at byte offset 7, expected \"</i>\", found \"</b>\""
        );
        assert!(parse("1 < 2").is_err());
        assert_eq!(parse("Tom & Jerry").unwrap().text, "Tom & Jerry");
    }
}
