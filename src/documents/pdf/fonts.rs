//! Polices DejaVu embarquées : glyphes et largeurs, lus une seule fois par processus.

use std::sync::OnceLock;

use super::{PdfError, Style};

/// Fichier d'une police embarquée : son nom (pour les messages) et son contenu.
pub(super) struct EmbeddedFont {
    pub(super) file: &'static str,
    pub(super) data: &'static [u8],
}

static REGULAR: EmbeddedFont = EmbeddedFont {
    file: "DejaVuSans.ttf",
    data: include_bytes!("../../../assets/fonts/DejaVuSans.ttf"),
};
static BOLD: EmbeddedFont = EmbeddedFont {
    file: "DejaVuSans-Bold.ttf",
    data: include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf"),
};

/// La police embarquée d'un style.
pub(super) fn embedded(style: Style) -> &'static EmbeddedFont {
    match style {
        Style::Regular => &REGULAR,
        Style::Bold => &BOLD,
    }
}

/// Caractères dont le glyphe et l'avance sont mis en table (latin, ponctuation, €).
const TABLE_LEN: usize = 0x2200;

pub(super) struct FontFace {
    face: ttf_parser::Face<'static>,
    /// (glyphe, avance) des caractères < `TABLE_LEN` ; glyphe 0 : absent de la police.
    table: Vec<(u16, u16)>,
    pub(super) units_per_em: f32,
}

impl FontFace {
    fn load(font: &'static EmbeddedFont) -> Result<Self, String> {
        let face =
            ttf_parser::Face::parse(font.data, 0).map_err(|e| format!("{} ({e})", font.file))?;
        let units_per_em = f32::from(face.units_per_em());
        let table = (0..TABLE_LEN as u32)
            .map(|code| {
                char::from_u32(code)
                    .and_then(|c| face.glyph_index(c))
                    .map(|g| (g.0, face.glyph_hor_advance(g).unwrap_or(0)))
                    .unwrap_or((0, 0))
            })
            .collect();
        Ok(FontFace {
            face,
            table,
            units_per_em,
        })
    }

    fn lookup(&self, c: char) -> Option<(u16, u16)> {
        let code = c as usize;
        if code < TABLE_LEN {
            let entry = self.table[code];
            return (entry.0 != 0).then_some(entry);
        }
        let glyph = self.face.glyph_index(c)?;
        Some((glyph.0, self.face.glyph_hor_advance(glyph).unwrap_or(0)))
    }

    /// Glyphe d'un caractère, avec un remplaçant s'il manque à la police ; `None` pour
    /// les caractères de contrôle.
    pub(super) fn glyph(&self, c: char) -> Option<(u16, u16)> {
        let c = match c {
            '\t' => ' ',
            c if c.is_control() => return None,
            c => c,
        };
        self.lookup(c).or_else(|| match c {
            '\u{2007}' | '\u{2009}' | '\u{202F}' => self.lookup('\u{a0}'),
            _ => self.lookup('?'),
        })
    }
}

pub(super) struct Fonts {
    regular: FontFace,
    bold: FontFace,
}

impl Fonts {
    pub(super) fn face(&self, style: Style) -> &FontFace {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }
}

static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();

pub(super) fn fonts() -> Result<&'static Fonts, PdfError> {
    FONTS
        .get_or_init(|| {
            Ok(Fonts {
                regular: FontFace::load(embedded(Style::Regular))?,
                bold: FontFace::load(embedded(Style::Bold))?,
            })
        })
        .as_ref()
        .map_err(|e| PdfError::Font(e.clone()))
}

/// Ensemble de glyphes employés (pour réduire les polices embarquées).
pub(super) struct GlyphSet(Vec<u64>);

impl GlyphSet {
    pub(super) fn new() -> Self {
        GlyphSet(vec![0; 1024])
    }
    pub(super) fn insert(&mut self, glyph: u16) {
        self.0[usize::from(glyph >> 6)] |= 1 << (glyph & 63);
    }
    pub(super) fn contains(&self, glyph: u16) -> bool {
        self.0[usize::from(glyph >> 6)] & (1 << (glyph & 63)) != 0
    }
}
