//! The limiter shape commands predict with: the config's, with each route's
//! stack read from the app's own route list when an app is at hand.

use crate::core::limiter::stacks::{self, Listed};
use crate::core::limiter::LimiterShape;
use crate::settings::Settings;

/// The shape, and why its stacks are not the app's when it has one.
pub struct AppShape {
    pub shape: LimiterShape,
    /// `route:list` failed: the stacks are the config's, and this says why.
    pub warning: Option<String>,
}

/// The settings' shape; where `gateway.app_dir` (or `--app-dir`) holds an
/// app, its `route:list` replaces the stacks, and `stacks_source` says so.
pub fn shape(settings: &Settings) -> AppShape {
    let mut shape = settings.limiter.clone();
    let app = settings.app_dir();
    if !app.join("artisan").is_file() {
        return AppShape { shape, warning: None };
    }
    match crate::ops::routes::routes(&settings.file.gateway.php, app) {
        Ok(routes) => {
            let listed: Vec<Listed<'_>> =
                routes.iter().map(|((methods, uri), (_, middleware))| Listed { methods, uri, middleware }).collect();
            shape.stacks = stacks::from_route_list(&listed, &shape.gateway_middleware);
            shape.stacks_source = format!("the app's route list in {}", app.display());
            AppShape { shape, warning: None }
        }
        Err(e) => {
            let warning = format!(
                "cannot read the app's routes in {} ({e}); the route stacks are {}",
                app.display(),
                shape.stacks_source
            );
            AppShape { shape, warning: Some(warning) }
        }
    }
}

/// [`shape`], off the async workers.
pub async fn shape_async(settings: &Settings) -> AppShape {
    let settings = settings.clone();
    let fallback = settings.limiter.clone();
    crate::ops::blocking::run("route:list", move || shape(&settings)).await.unwrap_or_else(|c| AppShape {
        warning: Some(format!(
            "cannot read the app's routes ({}); the route stacks are {}",
            c.evidence, fallback.stacks_source
        )),
        shape: fallback,
    })
}
