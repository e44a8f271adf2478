//! The reference backend's guard against requests of other sites (docs/backend-contract.md,
//! "Conventions"). A state-changing call (any method but GET, HEAD and OPTIONS) must come from
//! the shop's own pages: `Sec-Fetch-Site: same-origin`, or, from a browser that does not send
//! that header, an `Origin` equal to the backend's own; else 403 `cross_site_request`. A call
//! with a body (POST, PUT, PATCH) must be `application/json`; else 415 `unsupported_media_type`.
//! A form or a `text/plain` fetch from another site is a "simple" request that needs no CORS
//! preflight, and the session cookie rides along with it from a same-site page: both checks refuse
//! it before anything is read. Server-to-server calls (URLNotify, the vault webhook) are not
//! behind this guard; a client without `Origin` and `Sec-Fetch-Site` is not a browser page and passes.

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, ErrorCode};

/// Middleware: answers the request with the refusal of [`check`], or passes it on.
pub async fn same_origin_json(req: Request, next: Next) -> Response {
    match check(req.method(), req.headers()) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

/// Refuses a state-changing request from another site (403) or with a body that is not JSON (415).
pub fn check(method: &Method, headers: &HeaderMap) -> Result<(), AppError> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    if let Some(why) = foreign(headers) {
        return Err(AppError::api(
            StatusCode::FORBIDDEN,
            ErrorCode::CrossSiteRequest,
            why,
        ));
    }
    if matches!(*method, Method::POST | Method::PUT | Method::PATCH) && !is_json(headers) {
        return Err(AppError::api(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "the body must be sent as Content-Type: application/json",
        ));
    }
    Ok(())
}

/// Why the request does not come from the shop's own pages, if it does not.
fn foreign(headers: &HeaderMap) -> Option<String> {
    if let Some(site) = text(headers, "sec-fetch-site") {
        return (site != "same-origin")
            .then(|| format!("a request from another origin (Sec-Fetch-Site: {site}) is refused"));
    }
    let origin = text(headers, header::ORIGIN.as_str())?;
    let own = own_origin(headers);
    (own.as_deref() != Some(origin.to_ascii_lowercase().as_str()))
        .then(|| "a request whose Origin is not the shop's is refused".to_string())
}

/// `scheme://host` as the browser sees this backend: its `Host`, over https when
/// [`served_over_https`].
fn own_origin(headers: &HeaderMap) -> Option<String> {
    let host = text(headers, header::HOST.as_str())?;
    let scheme = if served_over_https(headers) {
        "https"
    } else {
        "http"
    };
    Some(format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// Whether the browser reached the backend over https: the sandbox itself speaks plain http on
/// loopback, so that is what the TLS proxy in front of it says (`X-Forwarded-Proto: https` or
/// `Forwarded: proto=https`).
pub fn served_over_https(headers: &HeaderMap) -> bool {
    let first = |v: &str| {
        v.split(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    };
    if let Some(p) = text(headers, "x-forwarded-proto") {
        return first(p) == "https";
    }
    text(headers, header::FORWARDED.as_str()).is_some_and(|v| {
        first(v)
            .split(';')
            .any(|pair| pair.trim().trim_matches('"') == "proto=https")
    })
}

/// Whether the request says its body is JSON (`application/json`, parameters allowed).
fn is_json(headers: &HeaderMap) -> bool {
    text(headers, header::CONTENT_TYPE.as_str()).is_some_and(|v| {
        v.split(';')
            .next()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
    })
}

/// A header's value as text, if it has one.
fn text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    fn status(method: Method, pairs: &[(&'static str, &'static str)]) -> u16 {
        match check(&method, &headers(pairs)) {
            Ok(()) => 200,
            Err(e) => e.into_response().status().as_u16(),
        }
    }

    #[test]
    fn only_same_origin_json_changes_state() {
        let json = ("content-type", "application/json; charset=utf-8");
        let host = ("host", "shop.example");
        assert_eq!(status(Method::POST, &[json, host]), 200);
        assert_eq!(
            status(Method::POST, &[("content-type", "text/plain"), host]),
            415
        );
        assert_eq!(status(Method::POST, &[host]), 415);
        assert_eq!(
            status(Method::POST, &[json, ("sec-fetch-site", "same-origin")]),
            200
        );
        for site in ["same-site", "cross-site", "none"] {
            let h = [json, ("sec-fetch-site", site)];
            assert_eq!(status(Method::POST, &h), 403, "{site}");
            assert_eq!(status(Method::DELETE, &h), 403, "{site}");
        }
        assert_eq!(
            status(Method::GET, &[("sec-fetch-site", "cross-site")]),
            200
        );
        assert_eq!(
            status(
                Method::POST,
                &[json, host, ("origin", "http://shop.example")]
            ),
            200
        );
        assert_eq!(
            status(
                Method::POST,
                &[json, host, ("origin", "https://evil.example")]
            ),
            403
        );
        assert_eq!(status(Method::POST, &[json, host, ("origin", "null")]), 403);
        let https = ("x-forwarded-proto", "https");
        assert_eq!(
            status(
                Method::POST,
                &[json, host, https, ("origin", "https://shop.example")]
            ),
            200
        );
        assert_eq!(
            status(
                Method::POST,
                &[json, host, https, ("origin", "http://shop.example")]
            ),
            403
        );
    }

    #[test]
    fn https_is_what_the_proxy_says() {
        assert!(served_over_https(&headers(&[(
            "x-forwarded-proto",
            "https"
        )])));
        assert!(served_over_https(&headers(&[(
            "forwarded",
            "for=1.2.3.4;proto=https;host=a"
        )])));
        assert!(!served_over_https(&headers(&[(
            "x-forwarded-proto",
            "http"
        )])));
        assert!(!served_over_https(&headers(&[])));
    }
}
