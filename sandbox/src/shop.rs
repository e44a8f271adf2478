//! The shop origin's static side: `www/` at `/`, `pkg/` at `/pkg/`, `/config.json`. The demo
//! shop's pages are served with the headers of a payment page (`page_headers`), the corporate
//! PayPage template under `/paypage/` pinned and with its own policy (`paypage`); every file
//! with `X-Content-Type-Options: nosniff`.

use std::path::{Component, Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::config::Config;
use crate::error::AppError;
use crate::page_headers::{nosniff, payment_page, Csp};
use crate::state::Shared;

/// `GET /config.json`: the origins the pages need.
pub async fn config(State(app): State<Shared>) -> Response {
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({
            "paygateOrigins": [app.cfg.paygate], "acsOrigin": app.cfg.acs, "backendUrl": "/paygate",
        })),
    )
        .into_response()
}

/// MIME type by file extension.
pub fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Joins a URL path below `root`, refusing anything that could leave it.
fn safe_join(root: &Path, url_path: &str) -> Option<PathBuf> {
    let mut out = root.to_path_buf();
    for c in Path::new(url_path.trim_start_matches('/')).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

/// An entity tag from a file's length and modification time, as nginx makes them: a changed
/// file gets a new one without the file being read.
fn entity_tag(meta: &std::fs::Metadata) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("\"{:x}-{modified:x}\"", meta.len())
}

/// Whether the request's `If-None-Match` names `etag`.
fn revalidated(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
}

/// The file a URL path names: `/pkg/…` in `--pkg`, the rest in `--www`; `None` for a path that
/// could leave them.
pub fn file_of(cfg: &Config, path: &str) -> Option<PathBuf> {
    match path.strip_prefix("/pkg/") {
        Some(rest) => safe_join(&cfg.pkg, rest),
        None => safe_join(&cfg.www, path),
    }
}

/// Whether `path` is a page of the demo shop, served with the headers of a payment page: its
/// HTML outside the test pages (`/test/`, which run inline scripts) and the PayPage.
fn demo_shop_page(cfg: &Config, path: &str, file: &Path) -> bool {
    !cfg.plain_www
        && mime(file).starts_with("text/html")
        && !path.starts_with("/test/")
        && !path.starts_with("/pkg/")
}

/// Serves static files for every path not handled by the backend routes.
pub async fn static_files(State(app): State<Shared>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    if path.contains('\0') || path.contains('\\') || path.len() > 1024 {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let Some(mut file) = file_of(&app.cfg, &path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if tokio::fs::metadata(&file)
        .await
        .map(|m| m.is_dir())
        .unwrap_or(false)
    {
        if !path.ends_with('/') {
            let to = format!("{path}/");
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response();
        }
        file.push("index.html");
    }
    if path.starts_with("/paypage/") && mime(&file).starts_with("text/html") {
        return crate::paypage::page(&app, &file, req.uri().query().unwrap_or("")).await;
    }
    let mut r = file_response(req.headers(), &file).await;
    if demo_shop_page(&app.cfg, &path, &file) {
        payment_page(
            r.headers_mut(),
            &Csp::payment(&app.cfg.paygate, &app.cfg.acs),
        );
    }
    nosniff(r.headers_mut());
    r
}

/// The file, or 304 when the request's `If-None-Match` names its entity tag.
async fn file_response(headers: &HeaderMap, file: &Path) -> Response {
    let Ok(meta) = tokio::fs::metadata(file).await else {
        return AppError::text(StatusCode::NOT_FOUND, "not found").into_response();
    };
    // `no-cache` with an ETag, as a shop's server or CDN would: the browser revalidates every
    // load and keeps what it has on a 304 (answered without reading the file), so Chromium can
    // reuse the wasm it compiled before.
    let etag = entity_tag(&meta);
    let fresh = revalidated(headers, &etag);
    let bytes = if fresh {
        Vec::new()
    } else {
        match tokio::fs::read(file).await {
            Ok(bytes) => bytes,
            Err(_) => return AppError::text(StatusCode::NOT_FOUND, "not found").into_response(),
        }
    };
    let answer = [
        (header::CONTENT_TYPE, mime(file).to_owned()),
        (header::CACHE_CONTROL, "no-cache".to_owned()),
        (header::ETAG, etag),
    ];
    if fresh {
        (StatusCode::NOT_MODIFIED, answer).into_response()
    } else {
        (answer, bytes).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_refuses_escapes() {
        let root = Path::new("/srv/www");
        assert_eq!(
            safe_join(root, "/a/b.js"),
            Some(PathBuf::from("/srv/www/a/b.js"))
        );
        assert_eq!(safe_join(root, "/../etc/passwd"), None);
        assert_eq!(mime(Path::new("x.wasm")), "application/wasm");
    }
}
