//! Référence proposée pour une nouvelle fiche : le numéro suivant dans le modèle du
//! bailleur (LOC### pour les locataires, BAIL### pour les locations, IMM## pour les
//! immeubles, IMM01-## pour les lots de l'immeuble IMM01).

use super::codes::fold;

/// Préfixe et nombre de chiffres d'un modèle « LOC### » (les `#` sont les chiffres, à la
/// fin du modèle).
fn split(pattern: &str) -> (&str, usize) {
    let prefix = pattern.trim_end_matches('#');
    (prefix, pattern.len() - prefix.len())
}

/// Le numéro d'une référence faite du préfixe (sans casse ni accents) suivi de chiffres
/// seulement ; `None` pour toute autre référence.
fn number_of(prefix: &str, reference: &str) -> Option<u64> {
    let folded = fold(reference);
    let digits = folded.strip_prefix(&fold(prefix))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// La prochaine référence libre du modèle `pattern` (« LOC### ») parmi les références
/// `existing` : le plus grand numéro déjà pris avec ce préfixe, plus un, sur autant de
/// chiffres que de `#` (plus s'il le faut : LOC999 → LOC1000). Un numéro libéré plus bas
/// (fiche supprimée) n'est pas repris, pour qu'une référence ne désigne jamais deux fiches
/// au fil du temps ; les références d'un autre modèle sont ignorées.
pub fn next_free<'a>(pattern: &str, existing: impl IntoIterator<Item = &'a str>) -> String {
    let (prefix, width) = split(pattern);
    let last = existing
        .into_iter()
        .filter_map(|r| number_of(prefix, r))
        .max()
        .unwrap_or(0);
    let next = last.saturating_add(1);
    format!("{prefix}{next:0width$}")
}

/// Modèles de références des fiches.
pub const TENANT_PATTERN: &str = "LOC###";
pub const LEASE_PATTERN: &str = "BAIL###";
pub const BUILDING_PATTERN: &str = "IMM##";

/// Modèle des lots d'un immeuble : sa référence, un tiret, deux chiffres.
pub fn unit_pattern(building: &str) -> String {
    format!("{building}-##")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_reference_of_an_empty_list() {
        assert_eq!(next_free(TENANT_PATTERN, []), "LOC001");
        assert_eq!(next_free(BUILDING_PATTERN, []), "IMM01");
        assert_eq!(next_free(&unit_pattern("IMM03"), []), "IMM03-01");
    }

    #[test]
    fn after_the_highest_number_gaps_are_not_reused() {
        let existing = ["LOC001", "LOC002", "LOC007"];
        assert_eq!(next_free(TENANT_PATTERN, existing), "LOC008");
    }

    #[test]
    fn the_width_grows_past_the_last_number() {
        assert_eq!(next_free(TENANT_PATTERN, ["LOC998", "LOC999"]), "LOC1000");
        assert_eq!(next_free(BUILDING_PATTERN, ["IMM99"]), "IMM100");
    }

    #[test]
    fn other_patterns_are_ignored() {
        // Autres préfixes, suffixes, lots d'un autre immeuble, références libres.
        let existing = [
            "BAIL050", "LOC-12", "LOC012B", "DUPONT", "loc004", "IMM01-07", "IMM02-09",
        ];
        assert_eq!(next_free(TENANT_PATTERN, existing), "LOC005", "sans casse");
        assert_eq!(next_free(&unit_pattern("IMM01"), existing), "IMM01-08");
        assert_eq!(next_free(BUILDING_PATTERN, existing), "IMM01");
    }

    #[test]
    fn a_huge_number_does_not_overflow() {
        let existing = ["LOC99999999999999999999999"];
        assert!(next_free(TENANT_PATTERN, existing).starts_with("LOC"));
    }
}
