//! Clés de répartition d'un immeuble (S11, manuel : « Préparation des clés & tantièmes de
//! répartition ») : une clé regroupe des charges de même nature et donne à chaque lot de
//! l'immeuble ses tantièmes ; la régularisation répartit une charge collective au prorata
//! des tantièmes de sa clé (un lot sans tantièmes, ou à 0, ne reçoit rien).

use super::{Invalid, Problems};

/// Longueur maximale du code d'une clé.
pub const KEY_CODE_MAX: usize = 10;

/// Clé de répartition (« clé », « tantièmes ») d'un immeuble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationKey {
    /// Immeuble (référence).
    pub building: String,
    /// Code court, unique dans l'immeuble (TANT, ASC…).
    pub code: String,
    pub label: String,
    /// Ordre de présentation ; 0 = clé proposée par défaut à la saisie des charges.
    pub order: i64,
    /// Total des tantièmes de la clé.
    pub total_shares: i64,
    /// Tantièmes des lots (les lots absents n'en ont pas).
    pub shares: Vec<UnitShare>,
}

/// Tantièmes d'un lot pour une clé.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitShare {
    /// Lot (référence).
    pub unit: String,
    pub shares: i64,
}

impl AllocationKey {
    /// Code et libellé sans espaces autour.
    pub fn with_defaults(mut self) -> Self {
        self.building = self.building.trim().to_string();
        self.code = self.code.trim().to_string();
        self.label = self.label.trim().to_string();
        for share in &mut self.shares {
            share.unit = share.unit.trim().to_string();
        }
        self
    }

    /// Règles d'une clé : code et libellé obligatoires, total positif, ordre et tantièmes
    /// positifs ou nuls, chaque lot une seule fois et rattaché à l'immeuble de la clé
    /// (`building_units` : les lots de cet immeuble).
    pub fn validate(&self, building_units: &[&str]) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.required("immeuble", &self.building);
        self.check_code(&mut p);
        p.required("libelle", &self.label);
        if self.order < 0 {
            p.push(
                "ordre",
                format!(
                    "l'ordre est un nombre positif ou nul (0 = clé proposée par défaut), {} saisi",
                    self.order
                ),
            );
        }
        if self.total_shares <= 0 {
            p.push(
                "total",
                format!(
                    "le total des tantièmes de la clé doit être supérieur à zéro, {} saisi",
                    self.total_shares
                ),
            );
        }
        self.check_shares(&mut p, building_units);
        p.into_result()
    }

    fn check_code(&self, p: &mut Problems) {
        let code = self.code.trim();
        if code.is_empty() {
            p.required("code", code);
        } else if let Some(c) = code.chars().find(|c| *c == ';' || c.is_control()) {
            p.push(
                "code",
                format!("le caractère « {c} » n'est pas autorisé dans un code de clé"),
            );
        } else if code.chars().count() > KEY_CODE_MAX {
            p.push(
                "code",
                format!(
                    "le code d'une clé a {KEY_CODE_MAX} caractères au plus, « {code} » en a {}",
                    code.chars().count()
                ),
            );
        }
    }

    fn check_shares(&self, p: &mut Problems, building_units: &[&str]) {
        let mut seen: Vec<&str> = Vec::new();
        for share in &self.shares {
            let unit = share.unit.trim();
            if share.shares < 0 {
                p.push(
                    "tantiemes",
                    format!(
                        "les tantièmes du lot « {unit} » ne peuvent pas être négatifs, {} saisis",
                        share.shares
                    ),
                );
            }
            if !building_units.contains(&unit) {
                p.push(
                    "tantiemes",
                    format!(
                        "le lot « {unit} » n'appartient pas à l'immeuble « {} » : il n'a pas de tantièmes sur ses clés",
                        self.building.trim()
                    ),
                );
            }
            if seen.contains(&unit) {
                p.push(
                    "tantiemes",
                    format!("le lot « {unit} » figure deux fois dans la clé"),
                );
            }
            seen.push(unit);
        }
    }

    /// Somme des tantièmes des lots.
    pub fn sum_of_shares(&self) -> i64 {
        self.shares
            .iter()
            .fold(0i64, |sum, s| sum.saturating_add(s.shares))
    }

    /// Avertissement quand la somme des tantièmes des lots n'est pas le total de la clé.
    pub fn warning(&self) -> Option<String> {
        shares_warning(self.total_shares, self.sum_of_shares())
    }
}

/// Avertissement (pas une erreur : les lots se saisissent au fur et à mesure) quand la
/// somme des tantièmes des lots diffère du total de la clé.
pub fn shares_warning(total: i64, sum: i64) -> Option<String> {
    (sum != total).then(|| {
        format!("la somme des tantièmes des lots ({sum}) diffère du total de la clé ({total})")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> AllocationKey {
        AllocationKey {
            building: "IMM01".into(),
            code: "TANT".into(),
            label: "Tantièmes généraux".into(),
            order: 0,
            total_shares: 1000,
            shares: vec![
                UnitShare {
                    unit: "A".into(),
                    shares: 600,
                },
                UnitShare {
                    unit: "B".into(),
                    shares: 400,
                },
            ],
        }
    }

    #[test]
    fn a_complete_key_is_valid_and_warns_only_when_the_sum_differs() {
        let k = key();
        assert_eq!(k.validate(&["A", "B"]), Ok(()));
        assert_eq!(k.sum_of_shares(), 1000);
        assert_eq!(k.warning(), None);
        let mut short = k.clone();
        short.shares[1].shares = 300;
        assert_eq!(
            short.warning().as_deref(),
            Some("la somme des tantièmes des lots (900) diffère du total de la clé (1000)")
        );
        assert_eq!(
            short.validate(&["A", "B"]),
            Ok(()),
            "un avertissement seulement"
        );
    }

    #[test]
    fn every_rule_has_its_french_message() {
        let mut k = key();
        k.code = String::new();
        k.label = " ".into();
        k.order = -1;
        k.total_shares = 0;
        k.shares[0].shares = -5;
        k.shares.push(UnitShare {
            unit: "A".into(),
            shares: 1,
        });
        let errors = k.validate(&["A"]).expect_err("refusée");
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            text,
            [
                "code : champ obligatoire, à renseigner",
                "libelle : champ obligatoire, à renseigner",
                "ordre : l'ordre est un nombre positif ou nul (0 = clé proposée par défaut), -1 saisi",
                "total : le total des tantièmes de la clé doit être supérieur à zéro, 0 saisi",
                "tantiemes : les tantièmes du lot « A » ne peuvent pas être négatifs, -5 saisis",
                "tantiemes : le lot « B » n'appartient pas à l'immeuble « IMM01 » : il n'a pas de tantièmes sur ses clés",
                "tantiemes : le lot « A » figure deux fois dans la clé",
            ]
        );
        k.code = "TROP-LONG-CODE".into();
        assert!(k.validate(&["A"]).expect_err("refusée")[0]
            .message
            .contains("10 caractères au plus"));
    }
}
