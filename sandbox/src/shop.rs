//! The shop origin's static side: `www/` at `/`, `pkg/` at `/pkg/`, `/config.json`, and the
//! Content-Security-Policy of the corporate PayPage template under `/paypage/` (with variants
//! that a shop gets wrong, for the tests: `?csp=frame-src-without-acs`, `?csp=form-action-without-acs`,
//! and `?csp=report-only-without-acs`, which only reports what `frame-src <paygate>` would block).

use std::path::{Component, Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::error::AppError;
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

/// The PayPage's Content-Security-Policy (and, for the CSP tests, a report-only one).
fn paypage_headers(app: &Shared, query: &str, r: &mut Response) {
    let csp = paypage_csp(app, query);
    if let Ok(v) = HeaderValue::from_str(&csp) {
        r.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
    if query.split('&').any(|p| p == "csp=report-only-without-acs") {
        if let Ok(v) = HeaderValue::from_str(&format!("frame-src {}", app.cfg.paygate)) {
            r.headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY_REPORT_ONLY, v);
        }
    }
}

/// Whether the request's `If-None-Match` names `etag`.
fn revalidated(req: &Request, etag: &str) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
}

/// Serves static files for every path not handled by the backend routes.
pub async fn static_files(State(app): State<Shared>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    if path.contains('\0') || path.contains('\\') || path.len() > 1024 {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let (root, rel) = match path.strip_prefix("/pkg/") {
        Some(rest) => (&app.cfg.pkg, rest.to_string()),
        None => (&app.cfg.www, path.clone()),
    };
    let Some(mut file) = safe_join(root, &rel) else {
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
    let Ok(meta) = tokio::fs::metadata(&file).await else {
        return AppError::text(StatusCode::NOT_FOUND, "not found").into_response();
    };
    // `no-cache` with an ETag, as a shop's server or CDN would: the browser revalidates every
    // load and keeps what it has on a 304 (answered without reading the file), so Chromium can
    // reuse the wasm it compiled before.
    let etag = entity_tag(&meta);
    let fresh = revalidated(&req, &etag);
    let bytes = if fresh {
        Vec::new()
    } else {
        match tokio::fs::read(&file).await {
            Ok(bytes) => bytes,
            Err(_) => return AppError::text(StatusCode::NOT_FOUND, "not found").into_response(),
        }
    };
    let headers = [
        (header::CONTENT_TYPE, mime(&file).to_owned()),
        (header::CACHE_CONTROL, "no-cache".to_owned()),
        (header::ETAG, etag),
    ];
    let mut r = if fresh {
        (StatusCode::NOT_MODIFIED, headers).into_response()
    } else {
        (headers, bytes).into_response()
    };
    if path.starts_with("/paypage/") {
        paypage_headers(&app, req.uri().query().unwrap_or(""), &mut r);
    }
    r
}

/// The PayPage's policy: frames from the Paygate and the ACS. The variants leave the ACS out of
/// `frame-src`, or restrict `form-action` to the shop and the Paygate, as a misconfigured shop would.
fn paypage_csp(app: &Shared, query: &str) -> String {
    let (paygate, acs) = (&app.cfg.paygate, &app.cfg.acs);
    let base = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
    let variant = query.split('&').find_map(|pair| pair.strip_prefix("csp="));
    match variant {
        Some("frame-src-without-acs") => format!("{base}; frame-src {paygate}"),
        Some("form-action-without-acs") => {
            format!("{base}; frame-src {paygate} {acs}; form-action 'self' {paygate}")
        }
        _ => format!("{base}; frame-src {paygate} {acs}"),
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
