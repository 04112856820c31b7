//! The simulator's test users: one per language the shop speaks.

/// A Telegram user the simulator can open the shop as.
pub struct TestUser {
    pub id: i64,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub username: &'static str,
    pub language_code: &'static str,
}

pub const TEST_USERS: &[TestUser] = &[
    TestUser {
        id: 1001,
        first_name: "Ada",
        last_name: "Lovelace",
        username: "ada_test",
        language_code: "en",
    },
    TestUser {
        id: 1002,
        first_name: "Wei",
        last_name: "Li",
        username: "liwei_test",
        language_code: "zh",
    },
    TestUser {
        id: 1003,
        first_name: "Camille",
        last_name: "Dupont",
        username: "camille_test",
        language_code: "fr",
    },
    TestUser {
        id: 1004,
        first_name: "Layla",
        last_name: "Haddad",
        username: "layla_test",
        language_code: "ar",
    },
];

impl TestUser {
    /// The user as the `user` field of initData.
    pub fn json(&self) -> String {
        serde_json::json!({
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "username": self.username,
            "language_code": self.language_code,
            "allows_write_to_pm": true,
        })
        .to_string()
    }
}
