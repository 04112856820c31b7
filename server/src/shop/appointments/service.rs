//! How long a service takes from its staff member: its duration with the client and a buffer
//! after it (tidying up, a break), both on the 5-minute grid. The rest of a service (name,
//! price, photo, who performs it) belongs to the catalog.

use super::{GRAIN_MINUTES, MINUTE_MS};

/// The longest service: 12 hours.
pub const MAX_DURATION_MINUTES: i64 = 12 * 60;
/// The longest buffer after a service: 4 hours.
pub const MAX_BUFFER_MINUTES: i64 = 4 * 60;

/// A service's duration and buffer, in minutes on the 5-minute grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ServiceLength {
    duration_minutes: i64,
    buffer_minutes: i64,
}

/// Why a service's length was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ServiceError {
    /// Outside 5 minutes to 12 hours, or off the 5-minute grid.
    #[error("duration is 5 to {MAX_DURATION_MINUTES} minutes, a multiple of 5, not {0}")]
    Duration(i64),
    /// Outside 0 to 4 hours, or off the 5-minute grid.
    #[error("buffer is 0 to {MAX_BUFFER_MINUTES} minutes, a multiple of 5, not {0}")]
    Buffer(i64),
}

impl ServiceLength {
    /// Parses a duration (5 to 720 minutes) and a buffer after it (0 to 240 minutes), both
    /// multiples of 5.
    pub fn parse(duration_minutes: i64, buffer_minutes: i64) -> Result<Self, ServiceError> {
        let on_grid = |minutes: i64| minutes % GRAIN_MINUTES == 0;
        if !(GRAIN_MINUTES..=MAX_DURATION_MINUTES).contains(&duration_minutes) || !on_grid(duration_minutes) {
            return Err(ServiceError::Duration(duration_minutes));
        }
        if !(0..=MAX_BUFFER_MINUTES).contains(&buffer_minutes) || !on_grid(buffer_minutes) {
            return Err(ServiceError::Buffer(buffer_minutes));
        }
        Ok(ServiceLength {
            duration_minutes,
            buffer_minutes,
        })
    }

    /// The time with the client, in minutes.
    pub fn duration_minutes(self) -> i64 {
        self.duration_minutes
    }

    /// The buffer after, in minutes.
    pub fn buffer_minutes(self) -> i64 {
        self.buffer_minutes
    }

    /// The time with the client, in milliseconds.
    pub fn duration_ms(self) -> i64 {
        self.duration_minutes * MINUTE_MS
    }

    /// The duration and the buffer together, in milliseconds: what the staff member's calendar
    /// loses to one appointment.
    pub fn total_ms(self) -> i64 {
        (self.duration_minutes + self.buffer_minutes) * MINUTE_MS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_lasts_5_minutes_to_12_hours_on_the_grid_with_a_buffer_up_to_4_hours() {
        let haircut = ServiceLength::parse(45, 15).unwrap();
        assert_eq!(haircut.duration_ms(), 45 * 60_000);
        assert_eq!(haircut.total_ms(), 60 * 60_000);
        assert!(ServiceLength::parse(720, 0).is_ok());
        assert!(ServiceLength::parse(5, 240).is_ok());
        for bad in [0, -5, 47, 725] {
            assert_eq!(ServiceLength::parse(bad, 0), Err(ServiceError::Duration(bad)));
        }
        for bad in [-5, 3, 245] {
            assert_eq!(ServiceLength::parse(30, bad), Err(ServiceError::Buffer(bad)));
        }
    }
}
