//! Jeu de caractères SEPA (EPC, « SEPA Requirements for an Extended Character Set »,
//! jeu de base) : a-z A-Z 0-9, espace et `/ - ? : ( ) . , ' +`. Les banques refusent
//! tout autre caractère dans les noms et libellés : on translittère les lettres
//! accentuées (é → e, ç → c, œ → oe…), « & » devient « et », les autres caractères
//! deviennent des espaces, puis les espaces sont regroupés et le texte tronqué à la
//! longueur du champ.

/// Longueur maximale d'un nom (créancier, débiteur) selon les règles de l'EPC.
pub const NAME_MAX: usize = 70;
/// Longueur maximale du libellé non structuré (`Ustrd`).
pub const REMITTANCE_MAX: usize = 140;
/// Longueur maximale d'une ville (`TwnNm`).
pub const TOWN_MAX: usize = 35;
/// Longueur maximale d'une rue (`StrtNm`) ou d'une ligne d'adresse (`AdrLine`).
pub const STREET_MAX: usize = 70;
/// Longueur maximale d'un code postal (`PstCd`).
pub const POSTCODE_MAX: usize = 16;

/// Vrai si `c` appartient au jeu de base SEPA.
pub fn is_sepa_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " /-?:().,'+".contains(c)
}

/// Le texte translittéré dans le jeu SEPA, espaces regroupés et retirés aux deux bouts,
/// tronqué à `max` caractères (sans espace finale après la coupe).
pub fn to_sepa_text(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_transliterated(&mut out, c);
    }
    let mut collapsed = String::with_capacity(out.len());
    for word in out.split(' ').filter(|w| !w.is_empty()) {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    // Seul de l'ASCII reste : couper aux octets revient à couper aux caractères.
    collapsed.truncate(max);
    collapsed.truncate(collapsed.trim_end().len());
    collapsed
}

/// Ajoute à `out` la forme SEPA de `c` : lui-même s'il est permis, sa translittération
/// sinon, une espace à défaut.
fn push_transliterated(out: &mut String, c: char) {
    if is_sepa_char(c) {
        out.push(c);
        return;
    }
    match c {
        '&' => out.push_str(" et "),
        'œ' => out.push_str("oe"),
        'Œ' => out.push_str("OE"),
        'æ' => out.push_str("ae"),
        'Æ' => out.push_str("AE"),
        'ß' => out.push_str("ss"),
        '’' | '‘' | '`' | '´' | 'ʼ' => out.push('\''),
        '‐' | '‑' | '‒' | '–' | '—' | '_' => out.push('-'),
        _ => out.push(latin_base(c).unwrap_or(' ')),
    }
}

/// La lettre de base d'une lettre latine accentuée (Latin-1 et Latin étendu A, ce que
/// l'on rencontre dans les noms français et européens).
fn latin_base(c: char) -> Option<char> {
    const TABLE: &[(&str, char)] = &[
        ("àáâãäåāăą", 'a'),
        ("ÀÁÂÃÄÅĀĂĄ", 'A'),
        ("çćĉċč", 'c'),
        ("ÇĆĈĊČ", 'C'),
        ("ďđ", 'd'),
        ("ĎĐÐ", 'D'),
        ("èéêëēĕėęě", 'e'),
        ("ÈÉÊËĒĔĖĘĚ", 'E'),
        ("ĝğġģ", 'g'),
        ("ĜĞĠĢ", 'G'),
        ("ĥħ", 'h'),
        ("ĤĦ", 'H'),
        ("ìíîïĩīĭįı", 'i'),
        ("ÌÍÎÏĨĪĬĮİ", 'I'),
        ("ĵ", 'j'),
        ("Ĵ", 'J'),
        ("ķ", 'k'),
        ("Ķ", 'K'),
        ("ĺļľŀł", 'l'),
        ("ĹĻĽĿŁ", 'L'),
        ("ñńņňŉ", 'n'),
        ("ÑŃŅŇ", 'N'),
        ("òóôõöøōŏő", 'o'),
        ("ÒÓÔÕÖØŌŎŐ", 'O'),
        ("ŕŗř", 'r'),
        ("ŔŖŘ", 'R'),
        ("śŝşš", 's'),
        ("ŚŜŞŠ", 'S'),
        ("ţťŧ", 't'),
        ("ŢŤŦ", 'T'),
        ("ùúûüũūŭůűų", 'u'),
        ("ÙÚÛÜŨŪŬŮŰŲ", 'U'),
        ("ŵ", 'w'),
        ("Ŵ", 'W'),
        ("ýÿŷ", 'y'),
        ("ÝŶŸ", 'Y'),
        ("źżž", 'z'),
        ("ŹŻŽ", 'Z'),
    ];
    TABLE
        .iter()
        .find(|(accented, _)| accented.contains(c))
        .map(|&(_, base)| base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_ligatures_et_cedille() {
        assert_eq!(
            to_sepa_text("Hélène Çà-et-là Œuvre cœur", 70),
            "Helene Ca-et-la OEuvre coeur"
        );
        assert_eq!(
            to_sepa_text("ÉLODIE BÉRANGÈRE GRÂCE NOËL", 70),
            "ELODIE BERANGERE GRACE NOEL"
        );
    }

    #[test]
    fn esperluette_devient_et() {
        assert_eq!(to_sepa_text("Martin & Fils", 70), "Martin et Fils");
        assert_eq!(to_sepa_text("M.&Mme Durand", 70), "M. et Mme Durand");
    }

    #[test]
    fn apostrophes_tirets_et_caracteres_interdits() {
        assert_eq!(to_sepa_text("L’Haÿ-les-Roses", 70), "L'Hay-les-Roses");
        assert_eq!(
            to_sepa_text("Loyer « mars » – 2026", 70),
            "Loyer mars - 2026"
        );
        assert_eq!(to_sepa_text("a@b #1 ; 50 € ! \"x\"", 70), "a b 1 50 x");
        assert_eq!(to_sepa_text("  ligne\nsuivante\t ", 70), "ligne suivante");
    }

    #[test]
    fn caracteres_permis_gardes() {
        let permis = "AZaz09 /-?:().,'+";
        assert_eq!(to_sepa_text(permis, 70), permis);
    }

    #[test]
    fn tronque_a_la_longueur_du_champ() {
        assert_eq!(to_sepa_text("Résidence des Érables", 9), "Residence");
        // la coupe ne laisse pas d'espace finale
        assert_eq!(to_sepa_text("Loyer 03/2026", 6), "Loyer");
        let long = "é".repeat(200);
        assert_eq!(to_sepa_text(&long, NAME_MAX), "e".repeat(70));
        assert_eq!(to_sepa_text(&long, REMITTANCE_MAX).len(), 140);
    }

    #[test]
    fn texte_vide_ou_sans_caractere_permis() {
        assert_eq!(to_sepa_text("", 70), "");
        assert_eq!(to_sepa_text("«»€", 70), "");
    }
}
