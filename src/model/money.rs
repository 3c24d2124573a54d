//! Montants en euros (`Decimal`, 2 décimales) : lecture et affichage à la française,
//! conversion en centimes pour le stockage.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Un montant en euros, toujours arrondi au centime (demi loin de zéro).
pub type Money = Decimal;

/// Arrondit au centime, demi loin de zéro (SPEC : « rounded half away from zero »).
pub fn round_cents(amount: Money) -> Money {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Montant stocké en centimes → euros.
pub fn from_cents(cents: i64) -> Money {
    Decimal::new(cents, 2)
}

/// Euros → centimes pour le stockage ; `None` si le montant a plus de 2 décimales
/// ou dépasse la capacité d'un entier 64 bits.
pub fn to_cents(amount: Money) -> Option<i64> {
    if amount.normalize().scale() > 2 {
        return None;
    }
    (amount * Decimal::ONE_HUNDRED).to_i64()
}

/// Lit un montant saisi à la française : « 1 234,56 », « 1234.56 », « -12,5 », « 400 ».
/// Refuse plus de deux décimales plutôt que d'arrondir en silence.
pub fn parse_money(text: &str) -> Result<Money, String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '€'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Err("montant vide".to_string());
    }
    if cleaned.matches('.').count() > 1 {
        return Err(format!(
            "« {} » n'est pas un montant (exemple : 1 234,56)",
            text.trim()
        ));
    }
    let value: Decimal = cleaned.parse().map_err(|_| {
        format!(
            "« {} » n'est pas un montant (exemple : 1 234,56)",
            text.trim()
        )
    })?;
    if value.normalize().scale() > 2 {
        return Err(format!("« {} » a plus de deux décimales", text.trim()));
    }
    if to_cents(value).is_none() {
        return Err(format!("« {} » est trop grand", text.trim()));
    }
    Ok(value.round_dp(2))
}

/// Affiche un montant à la française, avec séparateur de milliers : `1 234,56`.
pub fn format_money(amount: Money) -> String {
    let rounded = round_cents(amount);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = format!("{:.2}", rounded.abs());
    let (int_part, dec_part) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::new();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(ch);
    }
    format!(
        "{}{},{}",
        if negative { "-" } else { "" },
        grouped,
        dec_part
    )
}

/// Affiche un montant pour un fichier CSV : virgule décimale, sans séparateur de milliers.
pub fn format_money_plain(amount: Money) -> String {
    let rounded = round_cents(amount);
    // Un zéro négatif (−0) s'écrit 0,00.
    let rounded = if rounded.is_zero() {
        Money::ZERO
    } else {
        rounded
    };
    format!("{rounded:.2}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("décimal de test")
    }

    #[test]
    fn parses_french_amounts() {
        assert_eq!(parse_money("1 234,56"), Ok(d("1234.56")));
        assert_eq!(parse_money("1234.56"), Ok(d("1234.56")));
        assert_eq!(parse_money("-12,5"), Ok(d("-12.50")));
        assert_eq!(parse_money(" 400 € "), Ok(d("400")));
    }

    #[test]
    fn rejects_bad_amounts_in_french() {
        assert_eq!(
            parse_money("12,345"),
            Err("« 12,345 » a plus de deux décimales".to_string())
        );
        assert_eq!(
            parse_money("douze"),
            Err("« douze » n'est pas un montant (exemple : 1 234,56)".to_string())
        );
        assert_eq!(parse_money(""), Err("montant vide".to_string()));
        assert!(parse_money("1.234,56").is_err());
    }

    #[test]
    fn formats_with_thousands_and_comma() {
        assert_eq!(format_money(d("1234.5")), "1\u{a0}234,50");
        assert_eq!(format_money(d("-1000000")), "-1\u{a0}000\u{a0}000,00");
        assert_eq!(format_money(d("0")), "0,00");
        assert_eq!(format_money(d("999.999")), "1\u{a0}000,00");
        assert_eq!(format_money_plain(d("1234.5")), "1234,50");
        assert_eq!(format_money_plain(-d("0")), "0,00");
        assert_eq!(format_money_plain(d("-0.001")), "0,00");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_cents(d("0.125")), d("0.13"));
        assert_eq!(round_cents(d("-0.125")), d("-0.13"));
        assert_eq!(round_cents(d("354.8387")), d("354.84"));
    }

    #[test]
    fn cents_round_trip() {
        assert_eq!(to_cents(d("409.92")), Some(40992));
        assert_eq!(from_cents(40992), d("409.92"));
        assert_eq!(to_cents(d("0.001")), None);
    }
}
