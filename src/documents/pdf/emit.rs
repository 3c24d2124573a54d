//! Écriture du PDF par printpdf : polices réduites, tracés, logo et textes de chaque page.

use printpdf::lopdf::content::Operation;
use printpdf::path::PaintMode;
use printpdf::{
    Color, CustomPdfConformance, Image, ImageTransform, IndirectFontRef, Line, Mm, PdfConformance,
    PdfDocument, PdfDocumentReference, PdfLayerReference, Point, Pt, Rect, Rgb as PdfRgb,
    TextMatrix,
};

use super::fonts::embedded;
use super::logo::Logo;
use super::subset::subset_truetype;
use super::{Layout, Page, PdfError, Rgb, Shape, Style, TextRun, PAGE_H, PAGE_W, PT};

fn pdf_color(c: Rgb) -> Color {
    Color::Rgb(PdfRgb::new(c.0, c.1, c.2, None))
}

/// Point PDF (origine en bas à gauche) d'une position mise en page depuis le haut.
fn point(x: f32, y_from_top: f32) -> Point {
    Point::new(Mm(x), Mm(PAGE_H - y_from_top))
}

fn render_err(e: printpdf::Error) -> PdfError {
    PdfError::Render(e.to_string())
}

/// Le PDF des pages mises en page, avec ses métadonnées (titre, auteur).
pub(super) fn emit(
    layout: &Layout,
    logo: Option<&Logo>,
    title: &str,
    author: &str,
) -> Result<Vec<u8>, PdfError> {
    let doc = PdfDocument::empty(title)
        .with_conformance(PdfConformance::Custom(CustomPdfConformance {
            requires_icc_profile: false,
            requires_xmp_metadata: false,
            ..CustomPdfConformance::default()
        }))
        .with_author(author)
        .with_creator("Abri")
        .with_producer("Abri (printpdf)");
    let regular = embed_font(&doc, Style::Regular, layout)?;
    let bold = embed_font(&doc, Style::Bold, layout)?;
    for page in &layout.pages {
        let (page_index, layer_index) = doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "Contenu");
        let layer = doc.get_page(page_index).get_layer(layer_index);
        emit_shapes(&layer, page, logo);
        emit_texts(&layer, &page.texts, [&regular, &bold]);
    }
    doc.save_to_bytes().map_err(render_err)
}

/// Ajoute au document la police d'un style, réduite aux glyphes que la mise en page
/// a employés.
fn embed_font(
    doc: &PdfDocumentReference,
    style: Style,
    layout: &Layout,
) -> Result<IndirectFontRef, PdfError> {
    let font = embedded(style);
    let subset = subset_truetype(font.data, &layout.used[style as usize])
        .map_err(|e| PdfError::Font(format!("{} ({e})", font.file)))?;
    doc.add_external_font(subset.as_slice()).map_err(render_err)
}

/// Fonds, filets et logo de la page ; couleur et épaisseur ne sont réémises que
/// lorsqu'elles changent.
fn emit_shapes(layer: &PdfLayerReference, page: &Page, logo: Option<&Logo>) {
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
                    emit_logo(layer, logo, (x, y, w, h));
                }
            }
        }
    }
}

/// Le logo dans le cadre `(x, y, largeur, hauteur)`, en mm depuis le haut de la page.
fn emit_logo(layer: &PdfLayerReference, logo: &Logo, (x, y, w, h): (f32, f32, f32, f32)) {
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

/// Les textes de la page, en numéros de glyphes (Identity-H) ; police et couleur ne sont
/// réémises que lorsqu'elles changent.
fn emit_texts(layer: &PdfLayerReference, texts: &[TextRun], fonts: [&IndirectFontRef; 2]) {
    if texts.is_empty() {
        return;
    }
    layer.begin_text_section();
    let mut font = None;
    let mut color = None;
    for run in texts {
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
