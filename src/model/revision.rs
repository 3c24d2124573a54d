//! Révision des loyers (S12) : séries d'indices, trimestres, conditions de révision d'un
//! lot ou d'une location (onglets « Occupation » et « Révision » du manuel) et classe
//! énergétique (DPE) du lot.

use chrono::{Datelike, NaiveDate};

use super::money::parse_money;
use super::{Invalid, Money, Problems, RentIndex};

/// Série d'indices de révision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum IndexSeries {
    /// Indice de référence des loyers (loi 1989 art. 17-1) : rapport de deux trimestres.
    #[default]
    Irl,
    /// Indice du coût de la construction, méthode du manuel : rapport de deux moyennes
    /// sur 4 trimestres. Les valeurs trimestrielles sont au catalogue, la moyenne est
    /// toujours calculée.
    Icc4,
}

impl IndexSeries {
    pub const ALL: [IndexSeries; 2] = [IndexSeries::Irl, IndexSeries::Icc4];

    pub fn code(self) -> &'static str {
        match self {
            IndexSeries::Irl => "IRL",
            IndexSeries::Icc4 => "ICC4",
        }
    }

    pub fn parse(text: &str) -> Result<IndexSeries, String> {
        let upper = text.trim().to_uppercase();
        IndexSeries::ALL
            .into_iter()
            .find(|s| s.code() == upper)
            .ok_or_else(|| format!("« {} » : série inconnue (IRL ou ICC4)", text.trim()))
    }
}

/// Un trimestre civil.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quarter {
    pub year: i32,
    /// 1 à 4.
    pub quarter: u8,
}

impl Quarter {
    pub fn new(year: i32, quarter: u8) -> Result<Quarter, String> {
        if !(1..=4).contains(&quarter) {
            return Err(format!(
                "trimestre {quarter} : le trimestre est compris entre 1 et 4"
            ));
        }
        if !(1950..=2200).contains(&year) {
            return Err(format!("année {year} hors du calendrier des indices"));
        }
        Ok(Quarter { year, quarter })
    }

    /// Le trimestre précédent.
    pub fn previous(self) -> Quarter {
        match self.quarter {
            1 => Quarter {
                year: self.year - 1,
                quarter: 4,
            },
            q => Quarter {
                year: self.year,
                quarter: q - 1,
            },
        }
    }

    /// Le même trimestre `years` ans plus tard.
    pub fn plus_years(self, years: i32) -> Quarter {
        Quarter {
            year: self.year + years,
            quarter: self.quarter,
        }
    }

    /// Les 4 trimestres qui finissent par celui-ci, du plus ancien au plus récent.
    pub fn last_four(self) -> [Quarter; 4] {
        let q3 = self.previous();
        let q2 = q3.previous();
        let q1 = q2.previous();
        [q1, q2, q3, self]
    }

    /// Lit « 2024T3 », « T3 2024 », « 2024-T3 ».
    pub fn parse(text: &str) -> Result<Quarter, String> {
        let cleaned: String = text
            .trim()
            .to_uppercase()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '/'))
            .collect();
        let bad = || {
            format!(
                "« {} » n'est pas un trimestre (exemple : 2024T3)",
                text.trim()
            )
        };
        let (year, quarter) = match cleaned.split_once('T') {
            Some((y, q)) if !y.is_empty() => (y, q),
            Some((_, rest)) if rest.len() == 5 => (&rest[1..], &rest[..1]),
            _ => return Err(bad()),
        };
        let year: i32 = year.parse().map_err(|_| bad())?;
        let quarter: u8 = quarter.parse().map_err(|_| bad())?;
        Quarter::new(year, quarter)
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}T{}", self.year, self.quarter)
    }
}

impl RentIndex {
    pub fn quarter_of(&self) -> Quarter {
        Quarter {
            year: self.year,
            quarter: self.quarter,
        }
    }
}

/// Valeur d'un indice telle que l'INSEE la publie : l'IRL avec une virgule et deux
/// décimales (« 144,51 ») ; l'ICC en points entiers (« 2 038 ») ou avec virgule. Un
/// point décimal ou un IRL sans virgule (« 14451 ») est refusé plutôt que deviné.
pub fn parse_index_value(series: IndexSeries, text: &str) -> Result<Money, String> {
    let text = text.trim();
    if text.contains('.') {
        return Err(format!(
            "« {text} » : écrivez la valeur avec une virgule décimale (exemple : 144,51)"
        ));
    }
    let decimals = text.split_once(',').map(|(_, dec)| dec.len());
    if series == IndexSeries::Irl && decimals != Some(2) {
        return Err(format!(
            "« {text} » : l'IRL s'écrit avec une virgule et deux décimales (exemple : 144,51)"
        ));
    }
    let value = parse_money(text)?;
    if value <= Money::ZERO {
        return Err(format!("« {text} » : un indice est strictement positif"));
    }
    Ok(value)
}

/// Classe énergétique du diagnostic de performance énergétique.
pub const DPE_CLASSES: &[&str] = &["A", "B", "C", "D", "E", "F", "G"];

/// Une classe F ou G : loyer gelé (loi Climat et résilience, depuis le 24/08/2022).
pub fn rent_frozen(dpe_class: &str) -> bool {
    matches!(dpe_class, "F" | "G")
}

/// À qui s'appliquent des conditions de révision.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RevisionOwner {
    Unit(String),
    Lease(String),
}

/// Conditions de révision d'un lot ou d'une location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionTerms {
    pub owner: RevisionOwner,
    pub series: IndexSeries,
    /// Trimestre de l'indice de référence (dernière révision, ou signature).
    pub reference: Option<Quarter>,
    /// Valeur de l'indice de référence (pour l'ICC4 : la moyenne sur 4 trimestres) ;
    /// zéro = inconnue.
    pub reference_value: Money,
    /// Date de la dernière révision faite.
    pub last_revision: Option<NaiveDate>,
    /// Révision automatique (« RevisionAutoB »).
    pub auto: bool,
    /// Classe DPE (A à G ; vide = inconnue). Pour un lot seulement.
    pub dpe_class: String,
}

impl RevisionTerms {
    /// Conditions vides : IRL, aucune référence, révision automatique.
    pub fn new(owner: RevisionOwner) -> RevisionTerms {
        RevisionTerms {
            owner,
            series: IndexSeries::Irl,
            reference: None,
            reference_value: Money::ZERO,
            last_revision: None,
            auto: true,
            dpe_class: String::new(),
        }
    }

    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        if self.reference_value.is_sign_negative() {
            p.push(
                "valeur_reference",
                "la valeur de l'indice ne peut pas être négative",
            );
        }
        if self.reference.is_none() && !self.reference_value.is_zero() {
            p.push(
                "trimestre_reference",
                "indiquez le trimestre de l'indice de référence",
            );
        }
        if !self.dpe_class.is_empty() {
            if matches!(self.owner, RevisionOwner::Lease(_)) {
                p.push("dpe", "la classe énergétique se donne sur le lot");
            } else if !DPE_CLASSES.contains(&self.dpe_class.as_str()) {
                p.push("dpe", format!("« {} » : classe de A à G", self.dpe_class));
            }
        }
        p.into_result()
    }

    /// Date de la prochaine révision : un an après la dernière, sinon un an après
    /// `start` (signature de la location ou début de gestion du lot).
    pub fn next_revision(&self, start: NaiveDate) -> Option<NaiveDate> {
        let from = self.last_revision.unwrap_or(start);
        from.with_year(from.year() + 1)
            .or_else(|| NaiveDate::from_ymd_opt(from.year() + 1, from.month(), 28))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(year: i32, quarter: u8) -> Quarter {
        Quarter { year, quarter }
    }

    #[test]
    fn quarters_read_as_written_by_users() {
        assert_eq!(Quarter::parse("2024T3"), Ok(q(2024, 3)));
        assert_eq!(Quarter::parse("T3 2024"), Ok(q(2024, 3)));
        assert_eq!(Quarter::parse("2024-t3"), Ok(q(2024, 3)));
        assert!(Quarter::parse("2024T5").is_err());
        assert!(Quarter::parse("2024").is_err());
        assert_eq!(q(2024, 3).to_string(), "2024T3");
    }

    #[test]
    fn the_four_quarters_end_with_the_given_one() {
        assert_eq!(
            q(2023, 2).last_four(),
            [q(2022, 3), q(2022, 4), q(2023, 1), q(2023, 2)]
        );
    }

    #[test]
    fn the_next_revision_is_a_year_after_the_last_or_the_start() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let mut terms = RevisionTerms::new(RevisionOwner::Lease("B".into()));
        assert_eq!(
            terms.next_revision(date(2023, 10, 1)),
            Some(date(2024, 10, 1))
        );
        terms.last_revision = Some(date(2024, 2, 29));
        assert_eq!(
            terms.next_revision(date(2023, 10, 1)),
            Some(date(2025, 2, 28))
        );
    }

    #[test]
    fn index_values_are_read_as_insee_publishes_them() {
        let irl = |t| parse_index_value(IndexSeries::Irl, t);
        assert_eq!(irl("144,51"), Ok(Money::new(14451, 2)));
        assert!(irl("14451").is_err(), "IRL sans virgule");
        assert!(irl("144.51").is_err(), "point décimal");
        assert!(irl("-144,51").is_err());
        assert_eq!(
            parse_index_value(IndexSeries::Icc4, "2 038"),
            Ok(Money::from(2038))
        );
    }
}
