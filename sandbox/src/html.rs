//! Small HTML helpers: escaping and the auto-submitting form / postMessage documents.

/// Escapes text for HTML content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// A JSON value as a literal that is safe inside an inline `<script>`.
pub fn script_json(v: &serde_json::Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// A page that POSTs `fields` to `action` as soon as it loads (ACS response document style).
/// The form is also a real `<form>` so it works when read by a non-browser client.
pub fn auto_post(title: &str, action: &str, fields: &[(&str, &str)]) -> String {
    let inputs: String = fields
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                esc(k),
                esc(v)
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"UTF-8\"><title>{t}</title></head>\n<body>\n\
         <form name=\"frm\" id=\"frm\" method=\"POST\" action=\"{a}\">{inputs}<noscript><button type=\"submit\">Continue</button></noscript></form>\n\
         <script>document.getElementById('frm').submit();</script>\n</body>\n</html>\n",
        t = esc(title),
        a = esc(action)
    )
}

/// A page that does `parent.postMessage(JSON.stringify(obj), target_origin)` on load, or with
/// `base64` posts the standard padded base64 of that JSON text (of its UTF-8 bytes).
pub fn post_message(
    title: &str,
    obj: &serde_json::Value,
    target_origin: &str,
    base64: bool,
) -> String {
    let message = if base64 {
        script_json(&serde_json::Value::String(crate::wire::b64(
            obj.to_string().as_bytes(),
        )))
    } else {
        String::from("JSON.stringify(obj)")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"UTF-8\"><title>{t}</title></head>\n<body>\n\
         <script>\n(function () {{\n  var obj = {o};\n  parent.postMessage({message}, {origin});\n}})();\n</script>\n\
         <script type=\"application/json\" id=\"paygate-response\">{o}</script>\n</body>\n</html>\n",
        t = esc(title),
        o = script_json(obj),
        origin = script_json(&serde_json::Value::String(target_origin.to_string()))
    )
}

/// Pulls the JSON out of a [`post_message`] document (for tests and tools).
pub fn extract_post_message(doc: &str) -> Option<serde_json::Value> {
    let start = doc.find("id=\"paygate-response\">")? + "id=\"paygate-response\">".len();
    let end = doc[start..].find("</script>")? + start;
    serde_json::from_str(&doc[start..end]).ok()
}

/// Pulls the action and the hidden fields out of an [`auto_post`] document.
pub fn extract_form(doc: &str) -> Option<(String, Vec<(String, String)>)> {
    let attr = |s: &str, name: &str| -> Option<String> {
        let key = format!("{name}=\"");
        let i = s.find(&key)? + key.len();
        let j = s[i..].find('"')? + i;
        Some(unesc(&s[i..j]))
    };
    let f = doc.find("<form")?;
    let action = attr(&doc[f..doc[f..].find('>')? + f], "action")?;
    let mut fields = Vec::new();
    let mut rest = &doc[f..];
    while let Some(i) = rest.find("<input") {
        let end = rest[i..].find('>')? + i;
        let tag = &rest[i..end];
        if tag.contains("type=\"hidden\"") {
            fields.push((attr(tag, "name")?, attr(tag, "value").unwrap_or_default()));
        }
        rest = &rest[end..];
    }
    Some((action, fields))
}

fn unesc(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let doc = auto_post("x", "http://a/b?c=1&d=2", &[("k", "v\"<")]);
        let (a, f) = extract_form(&doc).unwrap();
        assert_eq!(a, "http://a/b?c=1&d=2");
        assert_eq!(f, vec![("k".to_string(), "v\"<".to_string())]);
        let v = serde_json::json!({"a": "</script>"});
        assert_eq!(
            extract_post_message(&post_message("t", &v, "http://x", false)).unwrap(),
            v
        );
        assert!(post_message("t", &v, "http://x", true)
            .contains("parent.postMessage(\"eyJhIjoiPC9zY3JpcHQ+In0=\", \"http://x\")"));
    }
}
