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
        (session.user_id, session.via, session.csrf_token),
        (UserId(CAMILLE), SignedInVia::Telegram, None)
    );
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
            Method::GET,
            "/api/admin/session",
            NONE,
            403,
            ErrorCode::NotAnAdmin,
        )
        .await;
}
