//! Imputation des crédits d'un tiers sur ses débits : « un règlement solde d'abord les
//! débits les plus anciens ». Une seule règle, fonction pure des montants, pour la liste
//! des impayés (ancienneté des soldes) et pour les quittances (part réglée d'un avis).
//!
//! Ordre d'imputation : la date de valeur d'abord ; à même date, la pièce enregistrée la
//! première (le plus petit numéro de pièce : les numéros sont donnés dans l'ordre
//! d'enregistrement, `AAAA` + 6 chiffres, de largeur fixe) ; dans une pièce, l'écriture
//! de plus petit numéro d'ordre. C'est l'ordre du manuel : « Les journaux représentent
//! les livres comptables sur lesquels les écritures sont enregistrées chronologiquement
//! dans le système » (catalogue des journaux), et « OrdreN : numéro d'ordre de
//! l'écriture dans la pièce » (catalogue des modèles) ; les fenêtres « Situation des
//! comptes » listent les écritures ainsi (date de valeur, puis pièce).

use chrono::NaiveDate;

use crate::model::Money;

/// Un débit à solder : sa place dans l'ordre d'imputation et son montant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Debit<'a> {
    pub value_date: NaiveDate,
    /// Numéro de la pièce (ordre d'enregistrement dans la journée).
    pub number: &'a str,
    /// Numéro d'ordre de l'écriture dans la pièce.
    pub line_no: i64,
    pub amount: Money,
}

impl Debit<'_> {
    /// Rang d'imputation : date de valeur, pièce, écriture.
    fn rank(&self) -> (NaiveDate, &str, i64) {
        (self.value_date, self.number, self.line_no)
    }
}

/// Part de chaque débit soldée par `credits` (total des règlements et autres crédits),
/// dans l'ordre où les débits sont donnés : les crédits soldent les débits du plus
/// ancien au plus récent (ordre du module), chacun en entier avant le suivant. Un crédit
/// qui dépasse tous les débits reste non imputé ; un débit nul ou négatif ne prend rien.
/// Deux débits de même rang gardent l'ordre où ils sont donnés.
pub fn settle_oldest_first(debits: &[Debit], credits: Money) -> Vec<Money> {
    let mut settled = vec![Money::ZERO; debits.len()];
    let mut in_order: Vec<(&Debit, &mut Money)> = debits.iter().zip(settled.iter_mut()).collect();
    // Tri stable : à rang égal, l'ordre reçu.
    in_order.sort_by(|(a, _), (b, _)| a.rank().cmp(&b.rank()));
    let mut left = credits;
    for (debit, part) in in_order {
        *part = left.min(debit.amount).max(Money::ZERO);
        left -= *part;
    }
    // On n'impute jamais plus que les crédits, ni plus qu'un débit.
    debug_assert!(settled.iter().copied().sum::<Money>() <= credits.max(Money::ZERO));
    debug_assert!(debits
        .iter()
        .zip(&settled)
        .all(|(d, s)| *s >= Money::ZERO && *s <= d.amount.max(Money::ZERO)));
    settled
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn eur(s: &str) -> Money {
        Money::from_str(s).expect("montant de test")
    }

    fn date(d: u32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date de test")
    }

    /// Même date de valeur : la pièce enregistrée la première (plus petit numéro) est
    /// soldée d'abord. 450,00 de crédits : 100,00 soldent le débit du 05/02 (pièce
    /// 2026000012, plus ancien malgré son numéro), 350,00 vont à la pièce 2026000007 du
    /// 05/03 (reste 412,50 − 350,00 = 62,50), rien à la pièce 2026000009 du même jour
    /// (reste 87,25). Ordre inversé à même date : 87,25 puis 262,75, reste 149,75.
    #[test]
    fn same_date_settles_the_first_recorded_voucher_first() {
        let debits = [
            Debit {
                value_date: date(5, 3),
                number: "2026000009",
                line_no: 1,
                amount: eur("87.25"),
            },
            Debit {
                value_date: date(5, 3),
                number: "2026000007",
                line_no: 1,
                amount: eur("412.50"),
            },
            Debit {
                value_date: date(5, 2),
                number: "2026000012",
                line_no: 1,
                amount: eur("100.00"),
            },
        ];
        let settled = settle_oldest_first(&debits, eur("450.00"));
        assert_eq!(settled, vec![eur("0.00"), eur("350.00"), eur("100.00")]);
        let left: Vec<Money> = debits
            .iter()
            .zip(&settled)
            .map(|(d, s)| d.amount - s)
            .collect();
        assert_eq!(left, vec![eur("87.25"), eur("62.50"), eur("0.00")]);
    }

    /// Dans une pièce : l'écriture de plus petit numéro d'ordre d'abord. 60,00 soldent
    /// l'écriture 1 (50,00) puis 10,00 de l'écriture 2 (30,00) ; inversé : 30,00 et 30,00.
    #[test]
    fn within_a_voucher_the_first_line_is_settled_first() {
        let debit = |line_no, amount| Debit {
            value_date: date(1, 4),
            number: "2026000003",
            line_no,
            amount: eur(amount),
        };
        let settled = settle_oldest_first(&[debit(2, "30.00"), debit(1, "50.00")], eur("60.00"));
        assert_eq!(settled, vec![eur("10.00"), eur("50.00")]);
    }

    /// Crédits au-delà des débits : tout est soldé, le surplus n'est imputé nulle part ;
    /// sans crédit, rien n'est soldé.
    #[test]
    fn surplus_is_left_and_no_credit_settles_nothing() {
        let debits = [
            Debit {
                value_date: date(1, 1),
                number: "2026000001",
                line_no: 1,
                amount: eur("120.00"),
            },
            Debit {
                value_date: date(1, 2),
                number: "2026000002",
                line_no: 1,
                amount: eur("80.00"),
            },
        ];
        assert_eq!(
            settle_oldest_first(&debits, eur("500.00")),
            vec![eur("120.00"), eur("80.00")]
        );
        assert_eq!(
            settle_oldest_first(&debits, Money::ZERO),
            vec![Money::ZERO, Money::ZERO]
        );
    }
}
