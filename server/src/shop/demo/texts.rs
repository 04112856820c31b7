//! The demo catalog in the shop's other languages: every category, product (name and
//! description) and named variant in Chinese, French and Arabic, as a merchant would enter
//! them on the admin page. The catalog's own texts (English) stay the shop's, which shoppers
//! of any other language read.

/// The languages of every text below, in that order.
pub const LANGUAGES: [&str; 3] = ["zh", "fr", "ar"];

/// A category's name in [`LANGUAGES`]: `(slug, names)`.
pub type CategoryTexts = (&'static str, [&'static str; 3]);

/// A product's texts in [`LANGUAGES`].
pub struct ProductTexts {
    pub slug: &'static str,
    pub names: [&'static str; 3],
    pub descriptions: [&'static str; 3],
    /// Each named variant's names: `(its own name, names)`.
    pub variants: &'static [(&'static str, [&'static str; 3])],
}

pub const CATEGORIES: &[CategoryTexts] = &[
    ("handmade", ["手工制品", "Fait main", "صناعة يدوية"]),
    (
        "appointments",
        ["沙龙预约", "Rendez-vous au salon", "مواعيد الصالون"],
    ),
    ("tickets", ["活动门票", "Billets d'événements", "تذاكر الفعاليات"]),
    ("digital", ["数字商品", "Produits numériques", "منتجات رقمية"]),
];

pub const PRODUCTS: &[ProductTexts] = &[
    ProductTexts {
        slug: "blue-mug",
        names: ["蓝釉马克杯", "Tasse émaillée bleue", "كوب مزجج أزرق"],
        descriptions: [
            "拉坯成型的炻器马克杯，深蓝色釉面，350 毫升。每一只都略有不同。",
            "Tasse en grès tournée à la main, émail bleu profond, 350 ml. Chacune est un peu différente.",
            "كوب من الخزف الحجري مشكّل على دولاب الفخار بطلاء أزرق عميق، 350 مل. كل كوب مختلف قليلاً عن الآخر.",
        ],
        variants: &[],
    },
    ProductTexts {
        slug: "linen-scarf",
        names: ["手织亚麻围巾", "Écharpe en lin tissée main", "وشاح كتان منسوج يدوياً"],
        descriptions: [
            "柔软的天然亚麻，在木制织布机上织成，180 × 40 厘米。",
            "Lin naturel tout doux tissé sur un métier en bois, 180 × 40 cm.",
            "كتان طبيعي ناعم منسوج على نول خشبي، 180 × 40 سم.",
        ],
        variants: &[],
    },
    ProductTexts {
        slug: "olive-bowl",
        names: ["橄榄木碗", "Bol en bois d'olivier", "وعاء من خشب الزيتون"],
        descriptions: [
            "由一整块橄榄木雕成，以食品级木油打磨，直径 18 厘米。",
            "Sculpté dans une seule pièce d'olivier et fini à l'huile alimentaire, Ø 18 cm.",
            "منحوت من قطعة واحدة من خشب الزيتون ومُعالج بزيت آمن للطعام، قطره 18 سم.",
        ],
        variants: &[],
    },
    ProductTexts {
        slug: "haircut",
        names: ["剪发造型（45 分钟）", "Coupe et coiffage (45 min)", "قص الشعر وتصفيفه (45 دقيقة)"],
        descriptions: [
            "由我们的造型师为您洗发、剪发和造型：选择造型师、日期和时间，然后付款。",
            "Shampoing, coupe et coiffage avec l'un de nos coiffeurs : choisissez qui, le jour et l'heure, puis payez.",
            "غسل وقص وتصفيف مع أحد مصففينا: اختر المصفف واليوم والوقت، ثم ادفع.",
        ],
        variants: &[
            ("Junior stylist", ["初级造型师", "Coiffeur junior", "مصفف مبتدئ"]),
            ("Senior stylist", ["高级造型师", "Coiffeur senior", "مصفف خبير"]),
        ],
    },
    ProductTexts {
        slug: "manicure",
        names: ["凝胶美甲（60 分钟）", "Manucure gel (60 min)", "مانيكير جل (60 دقيقة)"],
        descriptions: [
            "修形、护理甘皮，再涂上您所选颜色的持久凝胶。",
            "Limage, soin des cuticules et une couleur gel longue tenue de votre choix.",
            "تشذيب الأظافر والعناية بالجلد المحيط بها ولون جل يدوم طويلاً من اختيارك.",
        ],
        variants: &[],
    },
    ProductTexts {
        slug: "jazz-night",
        names: ["爵士之夜门票", "Billet Soirée jazz", "تذكرة ليلة الجاز"],
        descriptions: [
            "周五晚在老港口大厅举行的爵士之夜。19:00 开门。",
            "La soirée jazz du vendredi à la salle du Vieux-Port. Ouverture des portes à 19 h.",
            "ليلة الجاز يوم الجمعة في قاعة الميناء القديم. تُفتح الأبواب الساعة 19:00.",
        ],
        variants: &[
            ("Standing", ["站票", "Debout", "وقوف"]),
            ("Seated", ["坐票", "Assis", "جلوس"]),
            ("VIP table", ["VIP 桌", "Table VIP", "طاولة VIP"]),
        ],
    },
    ProductTexts {
        slug: "pottery-workshop",
        names: ["陶艺工作坊席位", "Place à l'atelier de poterie", "مقعد في ورشة الفخار"],
        descriptions: [
            "在拉坯机前度过三小时，含陶土、釉料和烧制。每场十个席位。",
            "Trois heures au tour, argile, émaux et cuisson compris. Dix places par séance.",
            "ثلاث ساعات على دولاب الفخار، تشمل الطين والطلاء والحرق. عشرة مقاعد في كل جلسة.",
        ],
        variants: &[],
    },
    ProductTexts {
        slug: "wallpaper-pack",
        names: ["壁纸合集", "Pack de fonds d'écran", "حزمة خلفيات"],
        descriptions: [
            "十二张手绘高清手机壁纸。",
            "Douze fonds d'écran peints à la main pour téléphone, en haute résolution.",
            "اثنتا عشرة خلفية هاتف مرسومة يدوياً بدقة عالية.",
        ],
        variants: &[],
    },
    ProductTexts {
        slug: "sticker-pack",
        names: ["动态贴纸包", "Pack d'autocollants animés", "حزمة ملصقات متحركة"],
        descriptions: [
            "二十张我们工作室猫咪的动态贴纸，可直接在 Telegram 中使用。",
            "Vingt autocollants animés du chat de notre atelier, prêts pour Telegram.",
            "عشرون ملصقاً متحركاً لقطة مرسمنا، جاهزة للاستخدام في تيليجرام.",
        ],
        variants: &[],
    },
    ProductTexts {
        slug: "recipe-ebook",
        names: ["食谱电子书", "Livre de recettes numérique", "كتاب وصفات إلكتروني"],
        descriptions: [
            "四十道附照片的家传食谱，提供 EPUB 和 PDF 格式。",
            "Quarante recettes de famille avec photos, en EPUB et PDF.",
            "أربعون وصفة عائلية مع صور، بصيغتي EPUB وPDF.",
        ],
        variants: &[
            ("EPUB and PDF", ["EPUB 和 PDF", "EPUB et PDF", "EPUB وPDF"]),
            ("With video lessons", ["含视频课程", "Avec leçons vidéo", "مع دروس فيديو"]),
        ],
    },
    ProductTexts {
        slug: "makers-club",
        names: ["创客俱乐部", "Club des créateurs", "نادي الصنّاع"],
        descriptions: [
            "我们私人频道的月度会员：新图样、工作室动态和直播课。每 30 天续订一次，可随时取消。",
            "L'abonnement mensuel à notre canal privé : nouveaux patrons, nouvelles de l'atelier et sessions en direct. Renouvelé tous les 30 jours ; résiliable à tout moment.",
            "اشتراك شهري في قناتنا الخاصة: نماذج جديدة وأخبار المرسم وجلسات مباشرة. يتجدد كل 30 يوماً ويمكن إلغاؤه في أي وقت.",
        ],
        variants: &[("Monthly", ["月度", "Mensuel", "شهري"])],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shop::catalog::input::{Description, Name, VariantName};
    use crate::shop::catalog::texts::parse_language;

    #[test]
    fn every_demo_category_product_and_named_variant_has_its_texts_in_each_language() {
        for lang in LANGUAGES {
            parse_language(lang).unwrap();
        }
        for category in super::super::CATEGORIES {
            let (_, names) = CATEGORIES
                .iter()
                .find(|(slug, _)| *slug == category.slug)
                .unwrap();
            names.iter().for_each(|n| drop(Name::parse(n).unwrap()));
        }
        for product in super::super::PRODUCTS {
            let texts = PRODUCTS.iter().find(|t| t.slug == product.slug).unwrap();
            texts.names.iter().for_each(|n| drop(Name::parse(n).unwrap()));
            texts
                .descriptions
                .iter()
                .for_each(|d| drop(Description::parse(d).unwrap()));
            let named: Vec<&str> = product
                .variants
                .iter()
                .map(|v| v.0)
                .filter(|n| !n.is_empty())
                .collect();
            let translated: Vec<&str> = texts.variants.iter().map(|v| v.0).collect();
            assert_eq!(named, translated, "{}", product.slug);
            for (_, names) in texts.variants {
                names.iter().for_each(|n| drop(VariantName::parse(n).unwrap()));
            }
        }
        assert_eq!(PRODUCTS.len(), super::super::PRODUCTS.len());
        assert_eq!(CATEGORIES.len(), super::super::CATEGORIES.len());
    }
}
