//! The keyboard model of an ARIA radio group: arrow keys move and select among the enabled
//! options (wrapping), Home/End go to the first/last, Space selects the focused one; the
//! checked option is the only one in the tab order (roving tabindex).

use web_sys::Element;

/// Where a key moves the selection, given which options are enabled and which is current.
/// `None` when the key is not one of the group's keys or nothing is enabled.
pub fn target(key: &str, enabled: &[bool], current: Option<usize>) -> Option<usize> {
    let n = enabled.len();
    let first = enabled.iter().position(|&e| e);
    let last = enabled.iter().rposition(|&e| e);
    let step = |forward: bool| -> Option<usize> {
        let start = current?;
        (1..=n)
            .map(|k| {
                if forward {
                    (start + k) % n
                } else {
                    (start + n * 2 - k) % n
                }
            })
            .find(|&i| enabled[i])
    };
    match key {
        "ArrowDown" | "ArrowRight" | "Down" | "Right" => step(true).or(first),
        "ArrowUp" | "ArrowLeft" | "Up" | "Left" => step(false).or(last),
        "Home" => first,
        "End" => last,
        _ => None,
    }
}

/// Marks option `chosen` checked and focusable, the other enabled options unchecked with
/// `tabindex=-1`; disabled options get no tabindex at all.
pub fn mark(options: &[(Element, bool)], chosen: Option<usize>) {
    let focusable_fallback = if chosen.is_none() {
        options.iter().position(|(_, e)| *e)
    } else {
        None
    };
    for (i, (el, enabled)) in options.iter().enumerate() {
        let checked = chosen == Some(i);
        let _ = el.set_attribute("aria-checked", if checked { "true" } else { "false" });
        let _ = if !enabled {
            el.remove_attribute("tabindex")
        } else if checked || focusable_fallback == Some(i) {
            el.set_attribute("tabindex", "0")
        } else {
            el.set_attribute("tabindex", "-1")
        };
    }
}

/// The index of the option `target` is inside of, if any.
pub fn option_of(options: &[(Element, bool)], target: &Element) -> Option<usize> {
    options.iter().position(|(el, _)| el.contains(Some(target)))
}
