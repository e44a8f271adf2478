//! Vault data in every shape (REST, Customer Data Storage, GetDetails answer, prefill `card`)
//! and vault webhooks: no input may panic; what is accepted is a list a selector can show.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paygate_wasm::protocol::card::YearMonth;
use paygate_wasm::protocol::vault::{default_card, saved_cards_from_text, vault_event_from_json};

fuzz_target!(|text: &str| {
    let Some(today) = YearMonth::new(2026, 11) else { return };
    if let Ok(cards) = saved_cards_from_text(text, today) {
        if let Some(card) = default_card(&cards) {
            assert!(card.selectable(), "the preselected card is selectable: {card:?}");
        }
        for card in &cards {
            let _ = card.expiry.display();
        }
    }
    let _ = vault_event_from_json(text, today);
});
