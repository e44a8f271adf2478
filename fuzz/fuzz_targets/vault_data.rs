//! Vault data in every shape (REST, Customer Data Storage, GetDetails answer, prefill `card`)
//! and vault webhooks: no input may panic; what is accepted is a list a selector can show, read
//! one entry at a time (what is left out is reported once, in order, and never all of it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use paygate_wasm::protocol::card::YearMonth;
use paygate_wasm::protocol::vault::{
    default_card, read_vault_text, saved_cards_from_text, vault_event_from_json,
};

fuzz_target!(|text: &str| {
    let Some(today) = YearMonth::new(2026, 11) else {
        return;
    };
    if let Ok(vault) = read_vault_text(text, today) {
        assert!(
            !vault.cards.is_empty() || vault.skipped.is_empty(),
            "entries but none readable is an error"
        );
        assert!(
            vault.skipped.windows(2).all(|w| w[0].index < w[1].index),
            "skipped once each, in order"
        );
        for skipped in &vault.skipped {
            assert_eq!(skipped.error.code(), "invalid_vault_data");
        }
        if let Some(card) = default_card(&vault.cards) {
            assert!(
                card.selectable(),
                "the preselected card is selectable: {card:?}"
            );
        }
        for card in &vault.cards {
            let _ = card.expiry.display();
        }
        assert_eq!(saved_cards_from_text(text, today).ok(), Some(vault.cards));
    }
    let _ = vault_event_from_json(text, today);
});
