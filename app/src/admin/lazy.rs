//! The admin pages' one lazy route: loaded as its own wasm chunk the first time a path under
//! `/admin` is opened, so none of the admin code is in the storefront's main wasm.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// `/admin` and every path under it; [`super::shell::AdminShell`] picks the page.
pub struct AdminRoute;

#[lazy_route]
impl LazyRoute for AdminRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::shell::AdminShell/> }.into_any()
    }
}
