//! The merchant's session: who is signed in, signing out, a stranger refused, and an endpoint
//! the API does not have.

use super::{Caller, NONE};
use crate::helpers::merchant::CAMILLE;
use crate::helpers::shopper::ADA;
use app::admin_api::{Session, SignedInVia};
use app::error_code::ErrorCode;
use app::identity::UserId;
use reqwest::Method;

/// Who is signed in, signing out, and an endpoint the API does not have.
pub(super) async fn admin_session(admin: &Caller<'_>) {
    let session: Session = admin.get("/api/admin/session").await;
    assert_eq!(
        (session.user_id, session.via, session.csrf_token, session.token),
        (UserId(CAMILLE), SignedInVia::Telegram, None, None)
    );
    let mini_app = Caller {
        server: admin.server,
        init_data: admin.server.launch(CAMILLE).await,
    };
    let opened: Session = mini_app.call(Method::POST, "/api/admin/session", NONE, 200).await;
    assert!(opened.token.is_some(), "{opened:?}");
    mini_app
        .refused(
            Method::GET,
            "/api/admin/session",
            NONE,
            401,
            ErrorCode::AdminSessionRequired,
        )
        .await;
    admin.no_content(Method::POST, "/api/admin/logout").await;
    admin
        .refused(Method::GET, "/api/admin/nowhere", NONE, 404, ErrorCode::NotFound)
        .await;
    let stranger = Caller {
        server: admin.server,
        init_data: admin.server.launch(ADA).await,
    };
    stranger
        .refused(
            Method::POST,
            "/api/admin/session",
            NONE,
            403,
            ErrorCode::NotAnAdmin,
        )
        .await;
}
