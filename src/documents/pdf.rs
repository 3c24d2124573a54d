//! Mise en page PDF des documents (A4, polices DejaVu embarquées, texte extractible).
//!
//! Deux temps : la mise en page place, page par page, des tracés et des textes déjà
//! convertis en numéros de glyphes (les largeurs viennent de la police, lue une seule
//! fois par processus) ; printpdf écrit ensuite le PDF. Les polices sont embarquées en
//! TrueType (CIDFontType2, Identity-H) avec leur table ToUnicode : le texte se copie et
//! se recherche. Elles sont réduites aux glyphes employés (voir [`subset_truetype`]).

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use printpdf::lopdf::content::Operation;
use printpdf::path::PaintMode;
use printpdf::{
    Color, ColorBits, ColorSpace, CustomPdfConformance, Image, ImageTransform, ImageXObject,
    IndirectFontRef, Line, Mm, PdfConformance, PdfDocument, PdfDocumentReference,
    PdfLayerReference, Point, Pt, Px, Rect, Rgb as PdfRgb, TextMatrix,
};

use super::{
    DepositSlipDoc, Document, Letterhead, LineKind, NoticeDoc, OneOffDoc, OneOffKind, ReceiptDoc,
    Recipient, SlipLine, TenantHeader,
};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::Money;

/// Erreur de production d'un PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("impossible de produire le PDF : {0}")]
    Render(String),
    #[error("aucun document à imprimer : la sélection est vide")]
    Empty,
    #[error(
        "la police embarquée {0} est illisible : le programme est endommagé, réinstallez Abri"
    )]
    Font(String),
    #[error(
        "le logo du bailleur (logo.png) n'est pas une image PNG lisible ({0}) : \
         remplacez-le par un fichier PNG valide ou supprimez-le"
    )]
    Logo(String),
    #[error(
        "impossible d'écrire le fichier {path} : {source}. Vérifiez que le dossier existe, \
         que vous avez le droit d'y écrire et que le fichier n'est pas ouvert dans un autre \
         programme"
    )]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Un PDF contenant tous les documents, chacun sur sa (ses) page(s).
pub fn render(docs: &[Document], letterhead: &Letterhead) -> Result<Vec<u8>, PdfError> {
    if docs.is_empty() {
        return Err(PdfError::Empty);
    }
    let fonts = fonts()?;
    let logo = match &letterhead.logo_png {
        Some(png) => Some(Logo::decode(png)?),
        None => None,
    };
    let mut layout = Layout::new(fonts, logo.as_ref().map(Logo::box_mm));
    for doc in docs {
        match doc {
            Document::Notice(notice) => layout.notice(letterhead, notice),
            Document::Receipt(receipt) => layout.receipt(letterhead, receipt),
            Document::OneOff(one_off) => layout.one_off(letterhead, one_off),
            Document::DepositSlip(slip) => layout.deposit_slip(letterhead, slip),
        }
    }
    let title = document_title(docs);
    emit(&layout, logo.as_ref(), &title, &letterhead.landlord_name)
}

/// Comme [`render`], en écrivant le PDF dans `path`.
pub fn render_to_file(
    docs: &[Document],
    letterhead: &Letterhead,
    path: &Path,
) -> Result<(), PdfError> {
    let bytes = render(docs, letterhead)?;
    std::fs::write(path, bytes).map_err(|source| PdfError::Write {
        path: path.display().to_string(),
        source,
    })
}

// ---------------------------------------------------------------------------------------
// Polices : glyphes et largeurs

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Caractères dont le glyphe et l'avance sont mis en table (latin, ponctuation, €).
const TABLE_LEN: usize = 0x2200;

struct FontFace {
    face: ttf_parser::Face<'static>,
    /// (glyphe, avance) des caractères < `TABLE_LEN` ; glyphe 0 : absent de la police.
    table: Vec<(u16, u16)>,
    units_per_em: f32,
}

impl FontFace {
    fn load(name: &str, data: &'static [u8]) -> Result<Self, String> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| format!("{name} ({e})"))?;
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
    fn glyph(&self, c: char) -> Option<(u16, u16)> {
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

struct Fonts {
    regular: FontFace,
    bold: FontFace,
}

impl Fonts {
    fn face(&self, style: Style) -> &FontFace {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }
}

static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();

fn fonts() -> Result<&'static Fonts, PdfError> {
    FONTS
        .get_or_init(|| {
            Ok(Fonts {
                regular: FontFace::load("DejaVuSans.ttf", REGULAR_TTF)?,
                bold: FontFace::load("DejaVuSans-Bold.ttf", BOLD_TTF)?,
            })
        })
        .as_ref()
        .map_err(|e| PdfError::Font(e.clone()))
}

// ---------------------------------------------------------------------------------------
// Page : tracés et textes positionnés (millimètres, origine en haut à gauche)

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const LEFT: f32 = 20.0;
const RIGHT: f32 = 190.0;
const WIDTH: f32 = RIGHT - LEFT;
const TOP: f32 = 14.0;
/// Limite basse du contenu ; le pied de page est dessous.
const BOTTOM: f32 = 281.0;
const FOOTER_Y: f32 = 289.0;
/// Points → millimètres.
const PT: f32 = 25.4 / 72.0;
/// Colonne droite : bloc destinataire (fenêtre d'enveloppe), références.
const COL2: f32 = 112.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Regular,
    Bold,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Rgb(f32, f32, f32);

const INK: Rgb = Rgb(0.10, 0.11, 0.13);
const MUTED: Rgb = Rgb(0.40, 0.42, 0.46);
const ACCENT: Rgb = Rgb(0.09, 0.29, 0.45);
const RULE: Rgb = Rgb(0.72, 0.75, 0.79);
const SHADE: Rgb = Rgb(0.925, 0.94, 0.955);
const ZEBRA: Rgb = Rgb(0.963, 0.968, 0.975);
const SHADE_STRONG: Rgb = Rgb(0.85, 0.90, 0.94);

struct TextRun {
    x: f32,
    /// Ligne de base.
    y: f32,
    style: Style,
    size: f32,
    color: Rgb,
    glyphs: Vec<u16>,
}

enum Shape {
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
    },
    Logo {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

#[derive(Default)]
struct Page {
    shapes: Vec<Shape>,
    texts: Vec<TextRun>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
}

/// Une colonne de tableau : bord gauche, bord droit, alignement.
#[derive(Debug, Clone, Copy)]
struct Col {
    left: f32,
    right: f32,
    align: Align,
}

impl Col {
    const fn left(left: f32, right: f32) -> Col {
        Col {
            left,
            right,
            align: Align::Left,
        }
    }
    const fn right(left: f32, right: f32) -> Col {
        Col {
            left,
            right,
            align: Align::Right,
        }
    }
}

struct Table<'t> {
    cols: &'t [Col],
    headers: &'t [&'t str],
}

const ROW_H: f32 = 4.3;
const BODY: f32 = 8.5;
const SMALL: f32 = 8.0;

/// Ensemble de glyphes employés (pour réduire les polices embarquées).
struct GlyphSet(Vec<u64>);

impl GlyphSet {
    fn new() -> Self {
        GlyphSet(vec![0; 1024])
    }
    fn insert(&mut self, glyph: u16) {
        self.0[usize::from(glyph >> 6)] |= 1 << (glyph & 63);
    }
    fn contains(&self, glyph: u16) -> bool {
        self.0[usize::from(glyph >> 6)] & (1 << (glyph & 63)) != 0
    }
}

struct Layout {
    fonts: &'static Fonts,
    pages: Vec<Page>,
    /// Page où s'écrivent les tracés et les textes.
    current: usize,
    used: [GlyphSet; 2],
    /// Curseur vertical (haut de la prochaine ligne) sur la page courante.
    y: f32,
    /// Première page du document en cours.
    doc_start: usize,
    /// En-tête des pages de suite du document en cours.
    running_head: String,
    /// Taille du logo dans l'en-tête, en mm.
    logo: Option<(f32, f32)>,
    /// Prochaine ligne de tableau sur fond grisé.
    zebra: bool,
}

impl Layout {
    fn new(fonts: &'static Fonts, logo: Option<(f32, f32)>) -> Self {
        Layout {
            fonts,
            pages: Vec::new(),
            current: 0,
            used: [GlyphSet::new(), GlyphSet::new()],
            y: TOP,
            doc_start: 0,
            running_head: String::new(),
            logo,
            zebra: false,
        }
    }

    // --- Primitives -------------------------------------------------------------------

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let index = self.current.min(self.pages.len() - 1);
        &mut self.pages[index]
    }

    fn push_page(&mut self) {
        self.pages.push(Page::default());
        self.current = self.pages.len() - 1;
    }

    /// Largeur d'un texte en mm.
    fn measure(&self, text: &str, style: Style, size: f32) -> f32 {
        let face = self.fonts.face(style);
        let units: u32 = text
            .chars()
            .filter_map(|c| face.glyph(c))
            .map(|(_, advance)| u32::from(advance))
            .sum();
        units as f32 / face.units_per_em * size * PT
    }

    /// Écrit un texte à partir de `x` sur la ligne de base `y` ; rend sa largeur en mm.
    fn text(&mut self, x: f32, y: f32, text: &str, style: Style, size: f32, color: Rgb) -> f32 {
        let face = self.fonts.face(style);
        let used = &mut self.used[style as usize];
        let mut glyphs = Vec::with_capacity(text.len());
        let mut units = 0u32;
        for (glyph, advance) in text.chars().filter_map(|c| face.glyph(c)) {
            used.insert(glyph);
            glyphs.push(glyph);
            units += u32::from(advance);
        }
        let width = units as f32 / face.units_per_em * size * PT;
        if !glyphs.is_empty() {
            self.page().texts.push(TextRun {
                x,
                y,
                style,
                size,
                color,
                glyphs,
            });
        }
        width
    }

    /// Écrit un texte fini en `right`.
    fn text_right(&mut self, right: f32, y: f32, text: &str, style: Style, size: f32, color: Rgb) {
        let width = self.measure(text, style, size);
        self.text(right - width, y, text, style, size, color);
    }

    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.page().shapes.push(Shape::Fill { x, y, w, h, color });
    }

    fn rule(&mut self, x1: f32, y: f32, x2: f32, width: f32, color: Rgb) {
        self.page().shapes.push(Shape::Rule {
            x1,
            y1: y,
            x2,
            y2: y,
            width,
            color,
        });
    }

    /// Le texte, raccourci avec « … » s'il dépasse `max` mm.
    fn fit(&self, text: &str, style: Style, size: f32, max: f32) -> String {
        if self.measure(text, style, size) <= max {
            return text.to_string();
        }
        let face = self.fonts.face(style);
        let limit = (max / (size * PT) * face.units_per_em) as u32;
        let ellipsis = face.glyph('…').map_or(0, |(_, a)| u32::from(a));
        let mut units = ellipsis;
        let mut out = String::new();
        for c in text.chars() {
            let advance = face.glyph(c).map_or(0, |(_, a)| u32::from(a));
            if units + advance > limit {
                break;
            }
            units += advance;
            out.push(c);
        }
        out.truncate(out.trim_end().len());
        out.push('…');
        out
    }

    /// Coupe un texte en lignes de `max` mm au plus (les fins de ligne sont conservées ;
    /// un mot trop long est coupé).
    fn wrap(&self, text: &str, style: Style, size: f32, max: f32) -> Vec<String> {
        let face = self.fonts.face(style);
        let limit = (max / (size * PT) * face.units_per_em) as u32;
        let advance = |c: char| face.glyph(c).map_or(0, |(_, a)| u32::from(a));
        let space = advance(' ');
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            let mut units = 0u32;
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let word_units: u32 = word.chars().map(advance).sum();
                if !line.is_empty() && units + space + word_units <= limit {
                    line.push(' ');
                    line.push_str(word);
                    units += space + word_units;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    units = 0;
                }
                if word_units <= limit {
                    line.push_str(word);
                    units = word_units;
                } else {
                    for c in word.chars() {
                        let a = advance(c);
                        if units + a > limit && !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                            units = 0;
                        }
                        line.push(c);
                        units += a;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }

    // --- Documents et pages -----------------------------------------------------------

    fn begin_document(&mut self, running_head: String) {
        self.push_page();
        self.doc_start = self.current;
        self.running_head = running_head;
        self.y = TOP;
    }

    /// Numérote les pages du document s'il en a plusieurs.
    fn end_document(&mut self) {
        let count = self.pages.len() - self.doc_start;
        if count < 2 {
            return;
        }
        let head = self.running_head.clone();
        let last = self.pages.len() - 1;
        for (i, index) in (self.doc_start..=last).enumerate() {
            self.current = index;
            let label = format!("Page {}/{}", i + 1, count);
            let width = self.measure(&label, Style::Regular, 7.0);
            self.rule(LEFT, FOOTER_Y - 3.5, RIGHT, 0.2, RULE);
            let head = self.fit(&head, Style::Regular, 7.0, WIDTH - width - 8.0);
            self.text(LEFT, FOOTER_Y, &head, Style::Regular, 7.0, MUTED);
            self.text(RIGHT - width, FOOTER_Y, &label, Style::Regular, 7.0, MUTED);
        }
        self.current = last;
    }

    fn new_page(&mut self) {
        self.push_page();
        let head = format!("{} (suite)", self.running_head);
        let head = self.fit(&head, Style::Bold, 9.0, WIDTH);
        self.text(LEFT, TOP + 4.0, &head, Style::Bold, 9.0, ACCENT);
        self.rule(LEFT, TOP + 6.5, RIGHT, 0.4, ACCENT);
        self.y = TOP + 11.0;
    }

    /// Passe à une nouvelle page s'il reste moins de `height` mm ; vrai si c'est fait.
    fn ensure(&mut self, height: f32) -> bool {
        if self.y + height > BOTTOM {
            self.new_page();
            true
        } else {
            false
        }
    }

    /// Un paragraphe sur toute la largeur, qui peut continuer sur la page suivante.
    fn paragraph(&mut self, text: &str, style: Style, size: f32, color: Rgb) {
        let leading = size * PT * 1.4;
        for line in self.wrap(text, style, size, WIDTH) {
            self.ensure(leading);
            self.text(LEFT, self.y + size * PT * 0.85, &line, style, size, color);
            self.y += leading;
        }
    }

    fn section_title(&mut self, title: &str) {
        self.ensure(8.0 + 2.0 * ROW_H);
        self.y += 2.5;
        self.text(LEFT, self.y + 3.6, title, Style::Bold, 10.0, ACCENT);
        self.y += 6.0;
    }

    // --- Tableaux ---------------------------------------------------------------------

    fn table_header(&mut self, table: &Table) {
        self.fill(LEFT, self.y, WIDTH, ROW_H + 0.6, SHADE_STRONG);
        self.zebra = false;
        let baseline = self.y + 3.4;
        for (col, header) in table.cols.iter().zip(table.headers) {
            self.cell(col, baseline, header, Style::Bold, SMALL, INK);
        }
        self.y += ROW_H + 0.6;
    }

    fn cell(&mut self, col: &Col, baseline: f32, text: &str, style: Style, size: f32, color: Rgb) {
        if text.is_empty() {
            return;
        }
        let text = self.fit(text, style, size, col.right - col.left);
        match col.align {
            Align::Left => {
                self.text(col.left, baseline, &text, style, size, color);
            }
            Align::Right => self.text_right(col.right, baseline, &text, style, size, color),
        }
    }

    /// Une ligne de tableau ; l'en-tête est répété en haut d'une nouvelle page.
    fn table_row(&mut self, table: &Table, cells: &[&str], style: Style, color: Rgb) {
        if self.ensure(ROW_H) {
            self.table_header(table);
        }
        if self.zebra {
            self.fill(LEFT, self.y, WIDTH, ROW_H, ZEBRA);
        }
        self.zebra = !self.zebra;
        let baseline = self.y + 3.1;
        for (col, text) in table.cols.iter().zip(cells) {
            self.cell(col, baseline, text, style, BODY, color);
        }
        self.y += ROW_H;
    }

    /// Ligne de total à droite : libellé et montant ; `strong` : gras sur fond coloré.
    fn total_line(&mut self, label: &str, amount: &str, strong: bool) {
        let x = COL2 - 8.0;
        let (style, size, height) = if strong {
            (Style::Bold, 10.5, 7.5)
        } else {
            (Style::Regular, BODY, ROW_H)
        };
        self.ensure(height);
        if strong {
            self.fill(x, self.y + 0.6, RIGHT - x, height, SHADE_STRONG);
        }
        let baseline = self.y + height * 0.72 + if strong { 0.6 } else { 0.0 };
        self.text(x + 2.0, baseline, label, style, size, INK);
        self.text_right(RIGHT - 2.0, baseline, amount, style, size, INK);
        self.y += height + if strong { 1.2 } else { 0.0 };
    }

    // --- Blocs communs ----------------------------------------------------------------

    /// Logo, nom du bailleur et `logo_text` en haut à gauche ; texte d'accueil dessous.
    /// Rend le bas du bloc.
    fn letterhead(&mut self, lh: &Letterhead, with_welcome: bool) -> f32 {
        let mut bottom = TOP;
        let mut text_x = LEFT;
        if let Some((w, h)) = self.logo {
            self.page().shapes.push(Shape::Logo {
                x: LEFT,
                y: TOP,
                w,
                h,
            });
            text_x = LEFT + w + 4.0;
            bottom = TOP + h;
        }
        // Le nom peut s'étendre au-dessus du bloc destinataire ; le reste garde la colonne.
        let column = COL2 - 6.0 - text_x;
        let mut y = TOP + 3.8;
        if !lh.landlord_name.trim().is_empty() {
            for line in self.wrap(lh.landlord_name.trim(), Style::Bold, 11.5, RIGHT - text_x) {
                self.text(text_x, y, &line, Style::Bold, 11.5, ACCENT);
                y += 5.0;
            }
            y += 0.3;
        }
        for line in self.wrap(&lh.logo_text, Style::Regular, 8.5, column) {
            self.text(text_x, y, &line, Style::Regular, 8.5, INK);
            y += 3.7;
        }
        bottom = bottom.max(y - 2.0);
        if with_welcome && !lh.welcome_text.trim().is_empty() {
            let mut y = bottom + 5.0;
            for line in self.wrap(&lh.welcome_text, Style::Regular, 7.8, COL2 - 6.0 - LEFT) {
                self.text(LEFT, y, &line, Style::Regular, 7.8, MUTED);
                y += 3.4;
            }
            bottom = y - 2.0;
        }
        bottom
    }

    /// Destinataire dans la fenêtre d'une enveloppe DL (à droite, 45 à 90 mm du haut).
    /// Rend le bas du bloc.
    fn recipient(&mut self, recipient: &Recipient) -> f32 {
        let width = RIGHT - COL2;
        let mut y = 52.0;
        for line in self.wrap(&recipient.name, Style::Bold, 10.5, width) {
            self.text(COL2, y, &line, Style::Bold, 10.5, INK);
            y += 4.8;
        }
        for address in &recipient.address_lines {
            for line in self.wrap(address, Style::Regular, 10.0, width) {
                self.text(COL2, y, &line, Style::Regular, 10.0, INK);
                y += 4.6;
            }
        }
        y
    }

    /// Références « libellé valeur » en colonne, de `x` à `right`, à partir de `self.y` ;
    /// les valeurs vides sont omises.
    fn references(&mut self, x: f32, right: f32, items: &[(&str, String)]) {
        let label_w = 22.0;
        for (label, value) in items.iter().filter(|(_, v)| !v.trim().is_empty()) {
            self.text(x, self.y + 3.0, label, Style::Regular, SMALL, MUTED);
            for line in self.wrap(value.trim(), Style::Regular, 8.5, right - x - label_w) {
                self.text(x + label_w, self.y + 3.0, &line, Style::Regular, 8.5, INK);
                self.y += 3.9;
            }
        }
    }

    /// Titre du document et son filet, à partir de `self.y`, de `LEFT` à `right`.
    fn title(&mut self, title: &str, right: f32) {
        let title = self.fit(title, Style::Bold, 15.0, right - LEFT);
        self.text(LEFT, self.y + 5.3, &title, Style::Bold, 15.0, ACCENT);
        self.y += 7.5;
        self.rule(LEFT, self.y, right, 0.6, ACCENT);
        self.y += 1.8;
    }

    /// Haut de la première page d'un document destiné à un locataire : en-tête du
    /// bailleur, titre et références à gauche, destinataire à droite.
    fn tenant_top(&mut self, lh: &Letterhead, title: &str, number_label: &str, h: &TenantHeader) {
        let column = COL2 - 6.0;
        self.y = self.letterhead(lh, true) + 6.0;
        let recipient_bottom = self.recipient(&h.recipient);
        self.title(title, column);
        let tenant = match (h.tenant_ref.trim(), h.tenant_name.trim()) {
            ("", name) => name.to_string(),
            (reference, "") => reference.to_string(),
            (reference, name) => format!("{reference} — {name}"),
        };
        self.references(
            LEFT,
            column,
            &[
                (number_label, h.number.clone()),
                ("Date", format_date(h.date)),
                ("Locataire", tenant),
                ("Location", h.lease_ref.clone()),
                ("Logement", h.unit_ref.clone()),
                ("Adresse", h.unit_address.clone()),
            ],
        );
        self.y = self.y.max(recipient_bottom).max(92.0) + 4.0;
    }

    /// Mentions légales en bas de la dernière page.
    fn bottom_text(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let size = 7.3;
        let leading = 3.25;
        let lines = self.wrap(text, Style::Regular, size, WIDTH);
        let height = lines.len() as f32 * leading + 3.0;
        if height > BOTTOM - TOP - 20.0 {
            self.y += 3.0;
            self.paragraph(text, Style::Regular, size, MUTED);
            return;
        }
        if self.y + height + 3.0 > BOTTOM {
            self.new_page();
        }
        let mut y = BOTTOM - height;
        self.rule(LEFT, y, RIGHT, 0.25, RULE);
        y += 3.0;
        for line in &lines {
            self.text(LEFT, y + 2.4, line, Style::Regular, size, MUTED);
            y += leading;
        }
        self.y = BOTTOM;
    }

    /// Un message encadré d'un filet à gauche.
    fn message(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.y += 2.0;
        let size = 9.0;
        let leading = size * PT * 1.4;
        let lines = self.wrap(text, Style::Regular, size, WIDTH - 5.0);
        for line in lines {
            self.ensure(leading);
            let top = self.y;
            self.page().shapes.push(Shape::Rule {
                x1: LEFT + 0.6,
                y1: top,
                x2: LEFT + 0.6,
                y2: top + leading,
                width: 1.2,
                color: ACCENT,
            });
            self.text(
                LEFT + 4.0,
                top + size * PT * 0.95,
                &line,
                Style::Regular,
                size,
                INK,
            );
            self.y += leading;
        }
    }

    // --- Avis d'échéance --------------------------------------------------------------

    fn notice(&mut self, lh: &Letterhead, n: &NoticeDoc) {
        let h = &n.header;
        self.begin_document(running_head("Avis d'échéance", h));
        self.tenant_top(lh, "Avis d'échéance", "N° d'avis", h);

        self.y += 1.0;
        self.fill(LEFT, self.y, WIDTH, 7.5, SHADE);
        let period = format!(
            "Période du {} au {}, échéance le {}",
            format_date(n.period_start),
            format_date(n.period_end),
            format_date(n.due_date)
        );
        self.text(LEFT + 2.5, self.y + 5.1, &period, Style::Bold, 10.0, INK);
        self.y += 9.0;

        const ACCOUNT: [Col; 4] = [
            Col::left(LEFT + 2.0, LEFT + 22.0),
            Col::left(LEFT + 24.0, RIGHT - 62.0),
            Col::right(RIGHT - 60.0, RIGHT - 32.0),
            Col::right(RIGHT - 30.0, RIGHT - 2.0),
        ];
        let account = Table {
            cols: &ACCOUNT,
            headers: &["Date", "Libellé", "Débit (€)", "Crédit (€)"],
        };
        self.section_title("Relevé de compte");
        self.table_header(&account);
        let previous = format_money(n.previous_balance.abs());
        let (debit, credit) = if n.previous_balance < Money::ZERO {
            ("", previous.as_str())
        } else {
            (previous.as_str(), "")
        };
        self.table_row(
            &account,
            &["", "Solde antérieur", debit, credit],
            Style::Bold,
            INK,
        );
        for m in &n.movements {
            let date = format_date(m.date);
            let debit = nonzero_money(m.debit);
            let credit = nonzero_money(m.credit);
            self.table_row(
                &account,
                &[&date, &m.label, &debit, &credit],
                Style::Regular,
                INK,
            );
        }

        const LINES: [Col; 2] = [
            Col::left(LEFT + 2.0, RIGHT - 34.0),
            Col::right(RIGHT - 32.0, RIGHT - 2.0),
        ];
        let lines = Table {
            cols: &LINES,
            headers: &["Libellé", "Montant"],
        };
        self.section_title("Détail de la période");
        self.table_header(&lines);
        for line in &n.lines {
            let (label, color) = match line.kind {
                LineKind::Billing => (line.label.clone(), INK),
                LineKind::Instalment => (format!("{} (échéance)", line.label), INK),
                LineKind::Info => (format!("{} (pour information)", line.label), MUTED),
            };
            let amount = euros(line.amount);
            self.table_row(&lines, &[&label, &amount], Style::Regular, color);
        }

        self.y += 2.5;
        let mut needed = 2.0 * ROW_H + 10.0;
        if !n.deferred.is_zero() {
            needed += ROW_H;
        }
        self.ensure(needed);
        self.total_line("Solde", &euros(n.balance), false);
        if !n.deferred.is_zero() {
            self.total_line("Différé (échéanciers)", &euros(-n.deferred), false);
        }
        self.total_line("Total à payer", &euros(n.total_due), true);
        if n.total_due < Money::ZERO {
            self.text_right(
                RIGHT - 2.0,
                self.y + 2.5,
                "Montant en votre faveur : aucun paiement à effectuer.",
                Style::Regular,
                SMALL,
                MUTED,
            );
            self.y += 4.5;
        }

        self.message(&n.run_message);
        self.message(&n.message);
        self.bottom_text(&lh.legal_text);
        self.end_document();
    }

    // --- Quittance, reçu --------------------------------------------------------------

    fn receipt(&mut self, lh: &Letterhead, r: &ReceiptDoc) {
        let h = &r.header;
        let title = if r.full {
            "Quittance de loyer"
        } else {
            "Reçu"
        };
        self.begin_document(running_head(title, h));
        self.tenant_top(lh, title, "Numéro", h);
        self.y += 4.0;
        let landlord = if lh.landlord_name.trim().is_empty() {
            "Le bailleur"
        } else {
            lh.landlord_name.trim()
        };
        let start = format_date(r.period_start);
        let end = format_date(r.period_end);
        if r.full {
            let mut body = format!(
                "{landlord}, bailleur, reconnaît avoir reçu de {} la somme de {} au titre du \
                 loyer et des charges de la période du {start} au {end}",
                h.tenant_name.trim(),
                euros(r.paid),
            );
            if !h.unit_address.trim().is_empty() {
                body.push_str(&format!(
                    ", pour le logement situé {}",
                    h.unit_address.trim()
                ));
            }
            body.push_str(", et lui en donne quittance, sous réserve de tous ses droits.");
            self.paragraph(&body, Style::Regular, 10.0, INK);
            self.y += 3.0;

            const DETAIL: [Col; 2] = [
                Col::left(LEFT + 2.0, RIGHT - 34.0),
                Col::right(RIGHT - 32.0, RIGHT - 2.0),
            ];
            let detail = Table {
                cols: &DETAIL,
                headers: &["Détail", "Montant"],
            };
            self.section_title("Détail du règlement");
            self.table_header(&detail);
            self.table_row(&detail, &["Loyer", &euros(r.rent)], Style::Regular, INK);
            self.table_row(
                &detail,
                &["Charges", &euros(r.charges)],
                Style::Regular,
                INK,
            );
            for line in &r.other_lines {
                let amount = euros(line.amount);
                self.table_row(&detail, &[&line.label, &amount], Style::Regular, INK);
            }
            self.y += 2.5;
            self.total_line("Total", &euros(r.paid), true);
            self.y += 4.0;
            self.paragraph(
                "Quittance délivrée en application de l'article 21 de la loi n° 89-462 du \
                 6 juillet 1989. Elle ne présume pas du paiement des termes antérieurs.",
                Style::Regular,
                SMALL,
                MUTED,
            );
        } else {
            let body = format!(
                "Reçu de {} la somme de {} en paiement partiel de l'avis d'échéance du {start} \
                 au {end}, ce reçu ne vaut pas quittance.",
                h.tenant_name.trim(),
                euros(r.paid),
            );
            self.paragraph(&body, Style::Regular, 10.0, INK);
            self.y += 4.0;
            self.ensure(3.0 * ROW_H + 10.0);
            self.total_line("Montant appelé", &euros(r.called), false);
            self.total_line("Montant reçu", &euros(r.paid), false);
            self.total_line("Reste dû", &euros(r.called - r.paid), true);
            self.y += 4.0;
            self.paragraph(
                "Une quittance sera délivrée lorsque le loyer et les charges de la période \
                 auront été entièrement réglés (loi n° 89-462 du 6 juillet 1989, art. 21).",
                Style::Regular,
                SMALL,
                MUTED,
            );
        }
        self.y += 6.0;
        self.ensure(10.0);
        let signed = format!("Le {}, pour le bailleur : {landlord}", format_date(h.date));
        let signed = self.fit(&signed, Style::Regular, BODY, WIDTH);
        self.text_right(RIGHT, self.y + 3.5, &signed, Style::Regular, BODY, INK);
        self.y += 6.0;
        self.end_document();
    }

    // --- Appel de dépôt, facture, avoir -----------------------------------------------

    fn one_off(&mut self, lh: &Letterhead, d: &OneOffDoc) {
        let h = &d.header;
        let (title, number_label) = match d.kind {
            OneOffKind::DepositCall => ("Appel du dépôt de garantie", "N° d'appel"),
            OneOffKind::Invoice => ("Facture", "N° de facture"),
            OneOffKind::CreditNote => ("Avoir", "N° d'avoir"),
        };
        self.begin_document(running_head(title, h));
        self.tenant_top(lh, title, number_label, h);

        const DETAIL: [Col; 2] = [
            Col::left(LEFT + 2.0, RIGHT - 34.0),
            Col::right(RIGHT - 32.0, RIGHT - 2.0),
        ];
        let detail = Table {
            cols: &DETAIL,
            headers: &["Libellé", "Montant"],
        };
        self.y += 2.0;
        self.section_title("Détail");
        self.table_header(&detail);
        let reference = d.reference.trim();
        match d.kind {
            OneOffKind::DepositCall => {
                if !d.previous_deposits.is_zero() {
                    let previous = euros(d.previous_deposits);
                    self.table_row(
                        &detail,
                        &[
                            "Dépôts déjà appelés sur les locations précédentes",
                            &previous,
                        ],
                        Style::Regular,
                        MUTED,
                    );
                }
                let label = with_reference("Dépôt de garantie", reference);
                self.table_row(&detail, &[&label, &euros(d.amount)], Style::Regular, INK);
            }
            OneOffKind::Invoice => {
                let label = with_reference("Facture", reference);
                self.table_row(&detail, &[&label, &euros(d.amount)], Style::Regular, INK);
            }
            OneOffKind::CreditNote => {
                let label = with_reference("Avoir", reference);
                self.table_row(&detail, &[&label, &euros(d.amount)], Style::Regular, INK);
            }
        }
        self.y += 2.5;
        let total_label = match d.kind {
            OneOffKind::CreditNote => "Montant en votre faveur",
            _ => "Total à payer",
        };
        self.total_line(total_label, &euros(d.amount), true);
        self.y += 3.0;
        let settlement = match (d.kind, d.instalments) {
            (OneOffKind::CreditNote, _) => {
                "Ce montant est porté au crédit de votre compte locataire.".to_string()
            }
            (_, Some((amount, first))) => format!(
                "Règlement en échéances de {} à partir de l'avis du {}.",
                euros(amount),
                format_date(first)
            ),
            (_, None) => "Règlement à réception de ce document.".to_string(),
        };
        self.paragraph(&settlement, Style::Regular, 10.0, INK);
        self.bottom_text(&lh.legal_text);
        self.end_document();
    }

    // --- Bordereau de remise en banque ------------------------------------------------

    fn deposit_slip(&mut self, lh: &Letterhead, s: &DepositSlipDoc) {
        let title = "Bordereau de remise en banque";
        self.begin_document(format!("{title} n° {}", s.batch_no));
        self.y = self.letterhead(lh, false).max(TOP + 14.0) + 8.0;
        self.title(title, RIGHT);
        let landlord = if s.landlord_name.trim().is_empty() {
            lh.landlord_name.clone()
        } else {
            s.landlord_name.clone()
        };
        self.references(
            LEFT,
            RIGHT,
            &[
                ("Remise n°", s.batch_no.clone()),
                ("Date", format_date(s.date)),
                ("Bailleur", landlord),
                ("Compte", s.account.clone()),
            ],
        );
        self.y += 2.0;

        const CHEQUES: [Col; 4] = [
            Col::left(LEFT + 2.0, LEFT + 70.0),
            Col::left(LEFT + 72.0, LEFT + 112.0),
            Col::left(LEFT + 114.0, RIGHT - 32.0),
            Col::right(RIGHT - 30.0, RIGHT - 2.0),
        ];
        let cheques = Table {
            cols: &CHEQUES,
            headers: &["Locataire", "Banque", "N° de chèque", "Montant"],
        };
        let cheque_total: Money = s.cheques.iter().map(|l| l.amount).sum();
        let cash_total: Money = s.cash.iter().map(|l| l.amount).sum();
        if !s.cheques.is_empty() {
            self.section_title("Chèques");
            self.table_header(&cheques);
            for line in &s.cheques {
                self.slip_row(&cheques, line, true);
            }
            self.y += 2.0;
            let count = match s.cheques.len() {
                1 => "1 chèque".to_string(),
                n => format!("{n} chèques"),
            };
            self.total_line(
                &format!("Total chèques ({count})"),
                &euros(cheque_total),
                false,
            );
        }
        if !s.cash.is_empty() {
            const CASH: [Col; 3] = [
                Col::left(LEFT + 2.0, LEFT + 90.0),
                Col::left(LEFT + 92.0, RIGHT - 32.0),
                Col::right(RIGHT - 30.0, RIGHT - 2.0),
            ];
            let cash = Table {
                cols: &CASH,
                headers: &["Locataire", "Référence", "Montant"],
            };
            self.section_title("Espèces");
            self.table_header(&cash);
            for line in &s.cash {
                self.slip_row(&cash, line, false);
            }
            self.y += 2.0;
            self.total_line("Total espèces", &euros(cash_total), false);
        }
        self.y += 3.0;
        self.ensure(30.0);
        self.text(
            LEFT,
            self.y + 6.0,
            &format!("Nombre de chèques : {}", s.cheques.len()),
            Style::Regular,
            BODY,
            INK,
        );
        self.total_line("Total de la remise", &euros(s.total()), true);
        self.y += 8.0;
        self.text(
            LEFT,
            self.y + 3.5,
            "Signature du déposant :",
            Style::Regular,
            BODY,
            INK,
        );
        self.text(
            COL2 - 8.0,
            self.y + 3.5,
            "Cachet de la banque :",
            Style::Regular,
            BODY,
            INK,
        );
        self.y += 25.0;
        self.end_document();
    }

    fn slip_row(&mut self, table: &Table, line: &SlipLine, cheque: bool) {
        let amount = format_money(line.amount);
        if cheque {
            self.table_row(
                table,
                &[&line.tenant_name, &line.bank, &line.reference, &amount],
                Style::Regular,
                INK,
            );
        } else {
            self.table_row(
                table,
                &[&line.tenant_name, &line.reference, &amount],
                Style::Regular,
                INK,
            );
        }
    }
}

fn running_head(title: &str, h: &TenantHeader) -> String {
    let mut head = title.to_string();
    if !h.number.trim().is_empty() {
        head.push_str(&format!(" n° {}", h.number.trim()));
    }
    if !h.tenant_name.trim().is_empty() {
        head.push_str(&format!(" — {}", h.tenant_name.trim()));
    }
    head
}

fn with_reference(label: &str, reference: &str) -> String {
    if reference.is_empty() {
        label.to_string()
    } else {
        format!("{label} — {reference}")
    }
}

/// Montant suivi de « € » (espace insécable).
fn euros(amount: Money) -> String {
    format!("{}\u{a0}€", format_money(amount))
}

fn nonzero_money(amount: Money) -> String {
    if amount.is_zero() {
        String::new()
    } else {
        format_money(amount)
    }
}

fn document_title(docs: &[Document]) -> String {
    match docs {
        [Document::Notice(n)] => running_head("Avis d'échéance", &n.header),
        [Document::Receipt(r)] if r.full => running_head("Quittance de loyer", &r.header),
        [Document::Receipt(r)] => running_head("Reçu", &r.header),
        [Document::DepositSlip(s)] => format!("Bordereau de remise en banque n° {}", s.batch_no),
        [Document::OneOff(d)] => match d.kind {
            OneOffKind::DepositCall => running_head("Appel du dépôt de garantie", &d.header),
            OneOffKind::Invoice => running_head("Facture", &d.header),
            OneOffKind::CreditNote => running_head("Avoir", &d.header),
        },
        _ => format!("Documents ({})", docs.len()),
    }
}

// ---------------------------------------------------------------------------------------
// Logo

/// Plus grand côté du logo, en pixels, après réduction (il est répété sur chaque page).
const LOGO_MAX_PX: u32 = 240;
/// Cadre du logo dans l'en-tête, en mm.
const LOGO_BOX: (f32, f32) = (30.0, 22.0);

struct Logo {
    width: u32,
    height: u32,
    /// RVB 8 bits, transparence aplatie sur fond blanc.
    rgb: Vec<u8>,
}

impl Logo {
    fn decode(png_bytes: &[u8]) -> Result<Logo, PdfError> {
        let err = |e: png::DecodingError| PdfError::Logo(e.to_string());
        let mut decoder = png::Decoder::new_with_limits(
            std::io::Cursor::new(png_bytes),
            png::Limits {
                bytes: 64 * 1024 * 1024,
            },
        );
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().map_err(err)?;
        let size = reader
            .output_buffer_size()
            .ok_or_else(|| PdfError::Logo("image trop grande".into()))?;
        let mut buffer = vec![0; size];
        let info = reader.next_frame(&mut buffer).map_err(err)?;
        let channels = match info.color_type {
            png::ColorType::Grayscale => 1,
            png::ColorType::GrayscaleAlpha => 2,
            png::ColorType::Rgb => 3,
            png::ColorType::Rgba => 4,
            png::ColorType::Indexed => {
                return Err(PdfError::Logo("palette non développée".into()));
            }
        };
        if info.bit_depth != png::BitDepth::Eight {
            return Err(PdfError::Logo("profondeur de couleur non gérée".into()));
        }
        let (width, height) = (info.width as usize, info.height as usize);
        if width == 0 || height == 0 {
            return Err(PdfError::Logo("image vide".into()));
        }
        let mut rgb = Vec::with_capacity(width * height * 3);
        for row in buffer.chunks(info.line_size).take(height) {
            for px in row.chunks_exact(channels).take(width) {
                let (r, g, b, a) = match *px {
                    [v] => (v, v, v, 255),
                    [v, a] => (v, v, v, a),
                    [r, g, b] => (r, g, b, 255),
                    [r, g, b, a, ..] => (r, g, b, a),
                    _ => (255, 255, 255, 0),
                };
                let over_white = |c: u8| {
                    ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a))) / 255) as u8
                };
                rgb.extend_from_slice(&[over_white(r), over_white(g), over_white(b)]);
            }
        }
        Ok(Logo::downscale(width as u32, height as u32, rgb))
    }

    /// Réduction par moyenne de blocs entiers jusqu'à `LOGO_MAX_PX`.
    fn downscale(width: u32, height: u32, rgb: Vec<u8>) -> Logo {
        let factor = width.max(height).div_ceil(LOGO_MAX_PX);
        if factor <= 1 {
            return Logo { width, height, rgb };
        }
        let (w, h) = ((width / factor).max(1), (height / factor).max(1));
        let mut out = Vec::with_capacity((w * h * 3) as usize);
        for y in 0..h {
            for x in 0..w {
                let mut sum = [0u32; 3];
                let mut count = 0u32;
                for sy in y * factor..((y + 1) * factor).min(height) {
                    for sx in x * factor..((x + 1) * factor).min(width) {
                        let i = ((sy * width + sx) * 3) as usize;
                        for (s, v) in sum.iter_mut().zip(&rgb[i..i + 3]) {
                            *s += u32::from(*v);
                        }
                        count += 1;
                    }
                }
                out.extend(sum.iter().map(|s| (s / count.max(1)) as u8));
            }
        }
        Logo {
            width: w,
            height: h,
            rgb: out,
        }
    }

    /// Taille imprimée (mm), dans le cadre du logo, proportions gardées.
    fn box_mm(&self) -> (f32, f32) {
        let (bw, bh) = LOGO_BOX;
        let scale = (bw / self.width as f32).min(bh / self.height as f32);
        (self.width as f32 * scale, self.height as f32 * scale)
    }

    fn xobject(&self) -> ImageXObject {
        ImageXObject {
            width: Px(self.width as usize),
            height: Px(self.height as usize),
            color_space: ColorSpace::Rgb,
            bits_per_component: ColorBits::Bit8,
            interpolate: true,
            image_data: self.rgb.clone(),
            image_filter: None,
            smask: None,
            clipping_bbox: None,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Écriture du PDF

fn pdf_color(c: Rgb) -> Color {
    Color::Rgb(PdfRgb::new(c.0, c.1, c.2, None))
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point::new(Mm(x), Mm(PAGE_H - y_from_top))
}

fn emit(
    layout: &Layout,
    logo: Option<&Logo>,
    title: &str,
    author: &str,
) -> Result<Vec<u8>, PdfError> {
    let render_err = |e: printpdf::Error| PdfError::Render(e.to_string());
    let doc = PdfDocument::empty(title)
        .with_conformance(PdfConformance::Custom(CustomPdfConformance {
            requires_icc_profile: false,
            requires_xmp_metadata: false,
            ..CustomPdfConformance::default()
        }))
        .with_author(author)
        .with_creator("Abri")
        .with_producer("Abri (printpdf)");
    let regular_font = subset_truetype(REGULAR_TTF, &layout.used[Style::Regular as usize])
        .map_err(|e| PdfError::Font(format!("DejaVuSans.ttf ({e})")))?;
    let bold_font = subset_truetype(BOLD_TTF, &layout.used[Style::Bold as usize])
        .map_err(|e| PdfError::Font(format!("DejaVuSans-Bold.ttf ({e})")))?;
    let regular = doc
        .add_external_font(regular_font.as_slice())
        .map_err(render_err)?;
    let bold = doc
        .add_external_font(bold_font.as_slice())
        .map_err(render_err)?;
    for page in &layout.pages {
        let (page_index, layer_index) = doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "Contenu");
        let layer = doc.get_page(page_index).get_layer(layer_index);
        emit_page(&layer, page, logo, [&regular, &bold]);
    }
    save(doc)
}

fn save(doc: PdfDocumentReference) -> Result<Vec<u8>, PdfError> {
    doc.save_to_bytes()
        .map_err(|e| PdfError::Render(e.to_string()))
}

fn emit_page(
    layer: &PdfLayerReference,
    page: &Page,
    logo: Option<&Logo>,
    fonts: [&IndirectFontRef; 2],
) {
    let mut fill_color = None;
    let mut stroke = None;
    for shape in &page.shapes {
        match *shape {
            Shape::Fill { x, y, w, h, color } => {
                if fill_color != Some(color) {
                    layer.set_fill_color(pdf_color(color));
                    fill_color = Some(color);
                }
                layer.add_rect(
                    Rect::new(Mm(x), Mm(PAGE_H - y - h), Mm(x + w), Mm(PAGE_H - y))
                        .with_mode(PaintMode::Fill),
                );
            }
            Shape::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
            } => {
                if stroke != Some((color, width)) {
                    layer.set_outline_color(pdf_color(color));
                    layer.set_outline_thickness(width / PT);
                    stroke = Some((color, width));
                }
                layer.add_line(Line {
                    points: vec![(point(x1, y1), false), (point(x2, y2), false)],
                    is_closed: false,
                });
            }
            Shape::Logo { x, y, w, h } => {
                if let Some(logo) = logo {
                    let transform = ImageTransform {
                        translate_x: Some(Mm(x)),
                        translate_y: Some(Mm(PAGE_H - y - h)),
                        // À 72 ppp, un pixel vaut un point : l'échelle donne la taille en mm.
                        dpi: Some(72.0),
                        scale_x: Some(Pt::from(Mm(w)).0 / logo.width as f32),
                        scale_y: Some(Pt::from(Mm(h)).0 / logo.height as f32),
                        rotate: None,
                    };
                    Image::from(logo.xobject()).add_to_layer(layer.clone(), transform);
                }
            }
        }
    }
    if page.texts.is_empty() {
        return;
    }
    layer.begin_text_section();
    let mut font = None;
    let mut color = None;
    for run in &page.texts {
        if font != Some((run.style, run.size)) {
            layer.set_font(fonts[run.style as usize], run.size);
            font = Some((run.style, run.size));
        }
        if color != Some(run.color) {
            layer.set_fill_color(pdf_color(run.color));
            color = Some(run.color);
        }
        layer.set_text_matrix(TextMatrix::Translate(
            Mm(run.x).into(),
            Mm(PAGE_H - run.y).into(),
        ));
        let bytes: Vec<u8> = run.glyphs.iter().flat_map(|g| g.to_be_bytes()).collect();
        layer.add_operation(Operation::new(
            "Tj",
            vec![printpdf::lopdf::Object::String(
                bytes,
                printpdf::lopdf::StringFormat::Hexadecimal,
            )],
        ));
    }
    layer.end_text_section();
}

// ---------------------------------------------------------------------------------------
// Réduction des polices TrueType

/// Police TrueType réduite aux glyphes employés, sans renumérotation : les contours des
/// glyphes inutilisés sont vidés (table `glyf` et `loca` réécrites, composants des glyphes
/// composés gardés), les tables de mise en forme (GSUB, GPOS, kern…) retirées. Les tables
/// `cmap` et `hmtx` restent entières : printpdf en tire la table ToUnicode et les largeurs,
/// identiques à celles de la police complète. DejaVu Sans passe ainsi de 760 Ko à
/// quelques dizaines de Ko par document.
fn subset_truetype(font: &[u8], used: &GlyphSet) -> Result<Vec<u8>, String> {
    let be16 = |at: usize| -> Result<u16, String> {
        font.get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "police tronquée".to_string())
    };
    let be32 = |at: usize| -> Result<u32, String> {
        font.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or_else(|| "police tronquée".to_string())
    };
    let table_count = usize::from(be16(4)?);
    let mut tables: HashMap<[u8; 4], &[u8]> = HashMap::new();
    let mut order = Vec::new();
    for i in 0..table_count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = font
            .get(record..record + 4)
            .and_then(|t| t.try_into().ok())
            .ok_or("répertoire des tables tronqué")?;
        let offset = be32(record + 8)? as usize;
        let length = be32(record + 12)? as usize;
        let data = font
            .get(offset..offset + length)
            .ok_or("table hors du fichier")?;
        tables.insert(tag, data);
        order.push(tag);
    }
    let table = |tag: &[u8; 4]| {
        tables
            .get(tag)
            .copied()
            .ok_or_else(|| format!("table {} absente", String::from_utf8_lossy(tag)))
    };
    let head = table(b"head")?;
    if head.len() < 54 {
        return Err("table head tronquée".into());
    }
    let maxp = table(b"maxp")?;
    let loca = table(b"loca")?;
    let glyf = table(b"glyf")?;
    let long_loca = head.get(50..52).ok_or("table head tronquée")? != [0, 0];
    let glyph_count = usize::from(u16::from_be_bytes(
        maxp.get(4..6)
            .and_then(|b| b.try_into().ok())
            .ok_or("table maxp tronquée")?,
    ));
    let offset_of = |glyph: usize| -> Option<usize> {
        if long_loca {
            loca.get(glyph * 4..glyph * 4 + 4)
                .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
        } else {
            loca.get(glyph * 2..glyph * 2 + 2)
                .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])) * 2)
        }
    };
    let outline = |glyph: usize| -> Option<&[u8]> {
        let (start, end) = (offset_of(glyph)?, offset_of(glyph + 1)?);
        glyf.get(start..end)
    };

    // Glyphes gardés : .notdef, ceux employés et, récursivement, les composants.
    let mut keep = vec![false; glyph_count];
    let mut stack: Vec<usize> = (0..glyph_count)
        .filter(|&g| g == 0 || used.contains(g as u16))
        .collect();
    while let Some(glyph) = stack.pop() {
        if glyph >= glyph_count || keep[glyph] {
            continue;
        }
        keep[glyph] = true;
        let Some(data) = outline(glyph) else { continue };
        if data.len() < 10 || i16::from_be_bytes([data[0], data[1]]) >= 0 {
            continue;
        }
        // Glyphe composé : flags, index du composant, arguments, transformation.
        let mut at = 10;
        while let Some(bytes) = data.get(at..at + 4) {
            let flags = u16::from_be_bytes([bytes[0], bytes[1]]);
            stack.push(usize::from(u16::from_be_bytes([bytes[2], bytes[3]])));
            at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
            at += if flags & 0x0008 != 0 {
                2
            } else if flags & 0x0040 != 0 {
                4
            } else if flags & 0x0080 != 0 {
                8
            } else {
                0
            };
            if flags & 0x0020 == 0 {
                break;
            }
        }
    }

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity((glyph_count + 1) * 4);
    for (glyph, &kept) in keep.iter().enumerate() {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if kept {
            new_glyf.extend_from_slice(outline(glyph).ok_or("table loca incohérente")?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    new_head[8..12].copy_from_slice(&[0; 4]); // checkSumAdjustment, recalculé plus bas
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes()); // loca au format long
                                                           // post version 3 : sans noms de glyphes.
    let mut new_post = table(b"post")?
        .get(..32)
        .ok_or("table post tronquée")?
        .to_vec();
    new_post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

    const KEPT: [&[u8; 4]; 12] = [
        b"OS/2", b"cmap", b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp",
        b"post", b"prep",
    ];
    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for tag in order.iter().filter(|t| KEPT.contains(t)) {
        let data = match tag {
            b"glyf" => std::mem::take(&mut new_glyf),
            b"loca" => std::mem::take(&mut new_loca),
            b"head" => std::mem::take(&mut new_head),
            b"post" => std::mem::take(&mut new_post),
            _ => table(tag)?.to_vec(),
        };
        out_tables.push((*tag, data));
    }
    out_tables.sort_by_key(|t| t.0);

    let count = out_tables.len() as u16;
    let mut power = 1u16;
    let mut log2 = 0u16;
    while power * 2 <= count {
        power *= 2;
        log2 += 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&log2.to_be_bytes());
    out.extend_from_slice(&(count * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * out_tables.len();
    let mut head_offset = 0;
    for (tag, data) in &out_tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_offset = offset;
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &out_tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out[head_offset + 8..head_offset + 12].copy_from_slice(&adjustment.to_be_bytes());
    Ok(out)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}
