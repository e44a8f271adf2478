//! The keyboard model of an ARIA radio group: arrow keys move and select among the enabled
//! options (wrapping; [`radio_target`](crate::protocol::card_input::radio_target)), Home/End go
//! to the first/last, Space selects the focused one; the checked option is the only one in the
//! tab order (roving tabindex). Disabled options have no tabindex at all.

use web_sys::Element;

/// Marks an enabled option checked (and in the tab order) or not.
pub(crate) fn set_checked(option: &Element, checked: bool) {
    let (aria, tabindex) = if checked {
        ("true", "0")
    } else {
        ("false", "-1")
    };
    let _ = option.set_attribute("aria-checked", aria);
    let _ = option.set_attribute("tabindex", tabindex);
}

/// The index of the option `target` is inside of, if any.
pub(crate) fn option_of(options: &[(Element, bool)], target: &Element) -> Option<usize> {
    options.iter().position(|(el, _)| el.contains(Some(target)))
}
