//! The attendees' names a checkout gives for its tickets: exactly one non-blank name of at
//! most 64 characters per ticket when the event has named tickets, none otherwise.

/// The most characters of an attendee's name (the database's CHECK says the same).
pub const MAX_NAME: usize = 64;

/// The names of a ticket line's attendees, one per ticket, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendeeNames(Vec<String>);

/// Why a line's names were refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AttendeeError {
    #[error("{quantity} tickets need {quantity} attendee names, one per ticket; {given} were given")]
    WrongCount { quantity: i64, given: usize },
    #[error("ticket {seat}'s attendee name is blank")]
    Blank { seat: usize },
    #[error("ticket {seat}'s attendee name is longer than {MAX_NAME} characters")]
    TooLong { seat: usize },
    #[error("these tickets take no attendee names")]
    NotNamed,
}

impl AttendeeNames {
    /// Parses `given` for `quantity` tickets of an event with (`named`) or without named
    /// tickets. Tickets count from 1 in the messages.
    pub fn parse(named: bool, quantity: i64, given: &[String]) -> Result<Self, AttendeeError> {
        if !named {
            return match given.is_empty() {
                true => Ok(AttendeeNames(Vec::new())),
                false => Err(AttendeeError::NotNamed),
            };
        }
        if i64::try_from(given.len()).ok() != Some(quantity) {
            return Err(AttendeeError::WrongCount {
                quantity,
                given: given.len(),
            });
        }
        let mut names = Vec::with_capacity(given.len());
        for (seat, name) in (1..).zip(given) {
            let name = name.trim();
            if name.is_empty() {
                return Err(AttendeeError::Blank { seat });
            }
            if name.chars().count() > MAX_NAME {
                return Err(AttendeeError::TooLong { seat });
            }
            names.push(name.to_owned());
        }
        Ok(AttendeeNames(names))
    }

    /// The names, ticket by ticket (seat 0 first); empty for unnamed tickets.
    pub fn names(&self) -> &[String] {
        &self.0
    }
}
