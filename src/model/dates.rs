//! Dates civiles : lecture `jj/mm/aaaa` (ou ISO), affichage `jj/mm/aaaa`, calculs de
//! périodes.

use chrono::{Datelike, Months, NaiveDate};

/// Lit une date saisie `jj/mm/aaaa` (format des listes) ou `aaaa-mm-jj` (ISO).
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let parsed = if t.contains('/') {
        NaiveDate::parse_from_str(t, "%d/%m/%Y")
    } else {
        NaiveDate::parse_from_str(t, "%Y-%m-%d")
    };
    match parsed {
        Ok(date) if (1900..=2200).contains(&date.year()) => Ok(date),
        _ => Err(format!(
            "« {} » n'est pas une date valide (attendu jj/mm/aaaa, ex. 31/01/2026)",
            t
        )),
    }
}

/// Affiche `jj/mm/aaaa`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// Forme ISO `aaaa-mm-jj`, celle de la base de données.
pub fn iso(date: NaiveDate) -> String {
    use chrono::Datelike;
    // Écrite directement : les traitements en écrivent des centaines de milliers et le
    // formatage générique de chrono coûte dix fois plus ; années hors 0–9999 : chrono.
    if (0..=9999).contains(&date.year()) {
        let (y, m, d) = (date.year() as u32, date.month(), date.day());
        let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
        let mut out = String::with_capacity(10);
        out.extend([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            '-',
        ]);
        out.extend([digit(m / 10), digit(m), '-', digit(d / 10), digit(d)]);
        out
    } else {
        date.format("%Y-%m-%d").to_string()
    }
}

/// Lit une date ISO stockée en base.
pub fn from_iso(text: &str) -> Option<NaiveDate> {
    // La forme stockée « AAAA-MM-JJ » est lue sans l'analyseur générique de chrono ;
    // toute autre forme passe par lui, pour garder exactement ses règles.
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, d));
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Ajoute (ou retranche) des mois en gardant le jour quand il existe, sinon le dernier
/// jour du mois (31/01 + 1 mois = 28 ou 29/02).
pub fn add_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    if months >= 0 {
        date.checked_add_months(Months::new(months.unsigned_abs()))
    } else {
        date.checked_sub_months(Months::new(months.unsigned_abs()))
    }
}

/// Fin de période de location par défaut : début + durée en mois − 1 jour
/// (01/01/2018 + 12 mois → 31/12/2018).
pub fn period_end(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    add_months(start, i32::try_from(months).ok()?)?.pred_opt()
}

/// Date de préavis par défaut : fin de période − 3 mois (31/12/2018 → 30/09/2018).
pub fn notice_date(end: NaiveDate) -> Option<NaiveDate> {
    add_months(end, -3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date de test")
    }

    #[test]
    fn iso_forms_agree_with_chrono() {
        // l'écriture et la lecture directes donnent ce que donne chrono, jour par jour
        let mut day = ymd(1899, 12, 25);
        while day <= ymd(2101, 1, 5) {
            let text = day.format("%Y-%m-%d").to_string();
            assert_eq!(iso(day), text);
            assert_eq!(from_iso(&text), Some(day));
            day = day.succ_opt().expect("jour suivant");
        }
        assert_eq!(iso(ymd(7, 3, 9)), "0007-03-09");
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-1-05",
            "20260105",
            "2026-01-0x",
            "",
        ] {
            assert_eq!(
                from_iso(bad),
                NaiveDate::parse_from_str(bad, "%Y-%m-%d").ok(),
                "« {bad} »"
            );
        }
        assert_eq!(from_iso("2026-02-30"), None);
    }

    #[test]
    fn reads_french_and_iso_dates() {
        assert_eq!(parse_date("10/03/2026"), Ok(ymd(2026, 3, 10)));
        assert_eq!(parse_date("2026-03-10"), Ok(ymd(2026, 3, 10)));
        assert_eq!(
            parse_date("31/02/2026"),
            Err(
                "« 31/02/2026 » n'est pas une date valide (attendu jj/mm/aaaa, ex. 31/01/2026)"
                    .to_string()
            )
        );
        assert!(parse_date("1/13/2026").is_err());
        assert!(parse_date("").is_err());
    }

    #[test]
    fn period_defaults_follow_the_manual_table() {
        // Manuel, « Saisie des périodes de location » : 01/01/2018, 12 mois →
        // fin 31/12/2018, préavis 30/09/2018.
        let end = period_end(ymd(2018, 1, 1), 12);
        assert_eq!(end, Some(ymd(2018, 12, 31)));
        assert_eq!(notice_date(ymd(2018, 12, 31)), Some(ymd(2018, 9, 30)));
        // Début en milieu de mois : 10/03/2026 + 12 mois − 1 jour = 09/03/2027.
        assert_eq!(period_end(ymd(2026, 3, 10), 12), Some(ymd(2027, 3, 9)));
        // 31/05 − 3 mois = 28/02 (pas de 31/02).
        assert_eq!(notice_date(ymd(2026, 5, 31)), Some(ymd(2026, 2, 28)));
    }

    #[test]
    fn formats_dd_mm_yyyy() {
        assert_eq!(format_date(ymd(2026, 3, 5)), "05/03/2026");
        assert_eq!(iso(ymd(2026, 3, 5)), "2026-03-05");
        assert_eq!(from_iso("2026-03-05"), Some(ymd(2026, 3, 5)));
    }
}
