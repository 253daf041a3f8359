//! The limiter shape commands predict with: the config's, with each route's
//! stack read from the app's own route list when an app is at hand.

use crate::core::limiter::stacks::{self, Listed};
use crate::core::limiter::{Entry, LimiterShape};
use crate::ops::routes::Routes;
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
    if !has_app(settings) {
        return from_listed(settings, None);
    }
    let listed = crate::ops::routes::routes(&settings.file.gateway.php, settings.app_dir());
    from_listed(settings, Some(&listed))
}

/// [`shape`] from routes already listed (`None`: no app to list), so a
/// command that needs the route list anyway boots the app for it once.
pub fn from_listed(settings: &Settings, listed: Option<&Result<Routes, String>>) -> AppShape {
    let mut shape = settings.limiter.clone();
    let app = settings.app_dir();
    match listed.filter(|_| has_app(settings)) {
        None => AppShape { shape, warning: None },
        Some(Ok(routes)) => {
            let rows: Vec<Listed<'_>> =
                routes.iter().map(|((methods, uri), (_, middleware))| Listed { methods, uri, middleware }).collect();
            shape.stacks = stacks::from_route_list(&rows, &shape.gateway_middleware);
            shape.stacks_source = format!("the app's route list in {}", app.display());
            // A route list that names the limiter nowhere models every route as
            // unlimited: say so rather than predict "no limiter" in silence.
            let named = shape.stacks.iter().any(|s| s.entries.iter().any(|e| matches!(e, Entry::Gateway { .. })));
            let warning = (!named).then(|| {
                format!(
                    "no route in {}'s route list carries the limiter ({}): every route is modelled unlimited; if it has another name, set [limiter] middleware",
                    app.display(),
                    shape.gateway_middleware.join(", ")
                )
            });
            AppShape { shape, warning }
        }
        Some(Err(e)) => {
            let warning = format!(
                "cannot read the app's routes in {} ({e}); the route stacks are {}",
                app.display(),
                shape.stacks_source
            );
            AppShape { shape, warning: Some(warning) }
        }
    }
}

pub fn has_app(settings: &Settings) -> bool {
    settings.app_dir().join("artisan").is_file()
}
