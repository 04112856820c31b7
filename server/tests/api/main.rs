//! The server's black-box tests, one module per concept, linked as one test binary (one link
//! instead of one per file: links are the slow part of a test build on two cores).
//!
//! Each test starts the real server on a free port with a fresh database (SQLite, and
//! PostgreSQL where the behaviour depends on the engine; [`helpers::FreshDb`]) and speaks to it
//! over HTTP, with the sandbox's fake Telegram in place of Telegram. `process` runs the
//! `server` executable itself, and `faults` runs it as separate processes (two replicas on one
//! database, a `kill -9` mid-stream); `storage` checks the database layer on both engines;
//! `bot_api_spec` checks every Bot API request against Telegram's published spec.
//!
//! Run one area with a filter: `cargo test -p server --test api admin::catalog`.

mod admin;
mod bot_api_spec;
mod bot_languages;
mod bot_profile;
mod cart;
mod catalog_cache;
mod catalog_texts;
mod concurrency;
mod contract;
mod delivery;
mod events;
mod faults;
mod fuzz;
mod group_commit;
mod helpers;
mod holds;
mod identity;
mod inline;
mod limits;
mod metrics;
mod orders;
mod payments;
mod polling;
mod process;
mod promo;
mod races;
mod replicas;
mod rules;
mod salon;
mod shared;
mod simulator;
mod stars_prices;
mod storage;
mod storefront;
mod subscriptions;
mod tips;
mod vouchers;
