//! Largeur d'un texte à l'écran, lue dans les polices embarquées (avance de chaque
//! glyphe, comme pour les documents PDF), raccourci « … » d'un texte trop long, et partage
//! de la largeur d'un tableau entre ses colonnes.

use std::sync::OnceLock;

use crate::gui::theme;

/// Caractères dont l'avance est mise en table (latin, ponctuation, €).
const TABLE_LEN: usize = 0x2200;

/// Points de suspension mis à la fin d'un texte raccourci.
pub const ELLIPSIS: char = '…';

struct Metrics {
    face: ttf_parser::Face<'static>,
    /// Avance des caractères < `TABLE_LEN` ; `None` : absent de la police.
    table: Vec<Option<u16>>,
    units_per_em: f32,
}

impl Metrics {
    fn load(data: &'static [u8]) -> Option<Metrics> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let units_per_em = f32::from(face.units_per_em());
        let table = (0..TABLE_LEN as u32)
            .map(|code| {
                char::from_u32(code)
                    .and_then(|c| face.glyph_index(c))
                    .and_then(|g| face.glyph_hor_advance(g))
            })
            .collect();
        Some(Metrics {
            face,
            table,
            units_per_em,
        })
    }

    /// Avance d'un caractère en unités de la police (celle de « ? » s'il manque).
    fn advance(&self, c: char) -> u16 {
        let code = c as usize;
        let found = if code < TABLE_LEN {
            self.table[code]
        } else {
            self.face
                .glyph_index(c)
                .and_then(|g| self.face.glyph_hor_advance(g))
        };
        found.or(self.table['?' as usize]).unwrap_or(0)
    }
}

/// Les polices de l'interface : normale, grasse (`None` : illisible, on estime).
fn metrics(bold: bool) -> Option<&'static Metrics> {
    static REGULAR: OnceLock<Option<Metrics>> = OnceLock::new();
    static BOLD: OnceLock<Option<Metrics>> = OnceLock::new();
    if bold {
        BOLD.get_or_init(|| Metrics::load(theme::FONT_BOLD_BYTES))
            .as_ref()
    } else {
        REGULAR
            .get_or_init(|| Metrics::load(theme::FONT_REGULAR_BYTES))
            .as_ref()
    }
}

/// Largeur en pixels de `text` sur une ligne, à la taille `size`, en gras ou non.
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    match metrics(bold) {
        Some(m) => {
            let units: u32 = text.chars().map(|c| u32::from(m.advance(c))).sum();
            units as f32 * size / m.units_per_em
        }
        // Police illisible (ne devrait pas arriver : elle est embarquée) : estimation.
        None => text.chars().count() as f32 * size * 0.62,
    }
}

/// Largeur du texte le plus large de `text` quand il tient sur plusieurs lignes.
pub fn lines_width(text: &str, size: f32, bold: bool) -> f32 {
    text.lines()
        .map(|line| text_width(line, size, bold))
        .fold(0.0, f32::max)
}

/// `text` raccourci avec « … » pour tenir dans `width` pixels ; `None` s'il tient tel
/// quel.
pub fn ellipsize(text: &str, width: f32, size: f32, bold: bool) -> Option<String> {
    if text_width(text, size, bold) <= width {
        return None;
    }
    let room = width - text_width(&ELLIPSIS.to_string(), size, bold);
    let mut kept = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), size, bold);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    let mut shortened = kept.trim_end().to_string();
    shortened.push(ELLIPSIS);
    Some(shortened)
}

/// Largeur de chaque colonne d'un tableau de largeur `total` : `need` est ce qu'il faut à
/// une colonne au moins (son titre, ses montants), `want` ce qu'il lui faut pour tout
/// montrer (≥ `need`), `portions` la part de chacune dans la place qui reste.
///
/// Si tout tient, chaque colonne a `want` et le reste se partage selon `portions` ; sinon,
/// chacune a `need` et le reste va aux colonnes qui en manquent, à proportion de ce qui
/// leur manque ; si même `need` ne tient pas, tout se réduit à proportion de `need`.
pub fn column_widths(total: f32, need: &[f32], want: &[f32], portions: &[u16]) -> Vec<f32> {
    let sum_need: f32 = need.iter().sum();
    let sum_want: f32 = want.iter().sum();
    let sum_portions: f32 = portions.iter().map(|&p| f32::from(p)).sum();
    if sum_want <= total {
        let extra = total - sum_want;
        want.iter()
            .zip(portions)
            .map(|(w, &p)| {
                let share = if sum_portions > 0.0 {
                    f32::from(p) / sum_portions
                } else {
                    1.0 / want.len() as f32
                };
                w + extra * share
            })
            .collect()
    } else if sum_need <= total {
        let extra = total - sum_need;
        let missing = sum_want - sum_need;
        need.iter()
            .zip(want)
            .map(|(n, w)| n + extra * (w - n) / missing)
            .collect()
    } else {
        need.iter().map(|n| n * total / sum_need).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let short = text_width("Débit", theme::TEXT_BODY, false);
        let long = text_width("Nouveau solde débit", theme::TEXT_BODY, false);
        assert!(short > 20.0 && long > 2.0 * short, "{short} {long}");
        assert!(text_width("Débit", theme::TEXT_BODY, true) > short);
        assert!(text_width("Débit", 2.0 * theme::TEXT_BODY, false) > 1.9 * short);
        assert_eq!(lines_width("Nouveau\nsolde", 14.0, false), {
            text_width("Nouveau", 14.0, false)
        });
    }

    #[test]
    fn ellipsis_only_when_too_wide() {
        assert_eq!(ellipsize("Loyer", 200.0, 14.0, false), None);
        let cut = ellipsize("Provision pour charges", 80.0, 14.0, false).unwrap_or_default();
        assert!(
            cut.ends_with(ELLIPSIS) && cut.starts_with("Provision"),
            "{cut}"
        );
        assert!(text_width(&cut, 14.0, false) <= 80.0);
    }

    #[test]
    fn columns_share_the_width() {
        // Tout tient : le reste suit les parts.
        let w = column_widths(300.0, &[50.0, 50.0], &[100.0, 100.0], &[1, 3]);
        assert_eq!(w, vec![125.0, 175.0]);
        // Ne tient qu'au minimum : le reste va à qui manque de place.
        let w = column_widths(200.0, &[50.0, 100.0], &[150.0, 100.0], &[1, 1]);
        assert_eq!(w, vec![100.0, 100.0]);
        // Même le minimum ne tient pas : tout se réduit.
        let w = column_widths(100.0, &[100.0, 100.0], &[100.0, 100.0], &[1, 1]);
        assert_eq!(w, vec![50.0, 50.0]);
    }
}
