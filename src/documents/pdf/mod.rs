//! Mise en page PDF des documents (A4, polices DejaVu embarquées, texte extractible).
//!
//! Deux temps : la mise en page place, page par page, des tracés et des textes déjà
//! convertis en numéros de glyphes (les largeurs viennent de la police, lue une seule
//! fois par processus) ; printpdf écrit ensuite le PDF. Les polices sont embarquées en
//! TrueType (CIDFontType2, Identity-H) avec leur table ToUnicode : le texte se copie et
//! se recherche. Elles sont réduites aux glyphes employés (voir
//! [`subset::subset_truetype`]).
//!
//! Ce module garde la mécanique commune (page, textes mesurés, tableaux, en-tête du
//! bailleur, bloc destinataire) ; chaque type de document a son fichier, qui ne fait
//! qu'assembler ces blocs.

mod deposit_slip;
mod emit;
mod fonts;
mod logo;
mod notice;
mod one_off;
mod receipt;
mod settlement;
mod subset;

use std::path::Path;

use super::{Document, Letterhead, Recipient, TenantHeader};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::Money;
use deposit_slip::deposit_slip_head;
use emit::emit;
use fonts::{fonts, Fonts, GlyphSet};
use logo::Logo;
use notice::notice_head;
use one_off::one_off_head;
use receipt::receipt_head;
use settlement::settlement_head;

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
            Document::Settlement(settlement) => layout.settlement(letterhead, settlement),
        }
    }
    let title = document_title(docs);
    emit(&layout, logo.as_ref(), &title, &letterhead.landlord_name)
}

/// Titre du PDF (métadonnées) : celui du document s'il est seul.
fn document_title(docs: &[Document]) -> String {
    match docs {
        [Document::Notice(n)] => notice_head(n),
        [Document::Receipt(r)] => receipt_head(r),
        [Document::DepositSlip(s)] => deposit_slip_head(s),
        [Document::OneOff(d)] => one_off_head(d),
        [Document::Settlement(d)] => settlement_head(d),
        _ => format!("Documents ({})", docs.len()),
    }
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

/// Tableau « libellé, montant » sur toute la largeur (avis, quittance, documents
/// ponctuels).
const LABEL_AMOUNT: [Col; 2] = [
    Col::left(LEFT + 2.0, RIGHT - 34.0),
    Col::right(RIGHT - 32.0, RIGHT - 2.0),
];

const ROW_H: f32 = 4.3;
const BODY: f32 = 8.5;
const SMALL: f32 = 8.0;

struct Layout {
    fonts: &'static Fonts,
    pages: Vec<Page>,
    /// Page où s'écrivent les tracés et les textes.
    current: usize,
    /// Glyphes employés, par style (`Style as usize`) : les polices en sont réduites.
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
}

/// En-tête des pages de suite d'un document de locataire : titre, numéro, locataire.
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

/// Montant suivi de « € » (espace insécable).
fn euros(amount: Money) -> String {
    format!("{}\u{a0}€", format_money(amount))
}
