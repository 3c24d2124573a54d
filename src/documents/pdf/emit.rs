//! Écriture du PDF par printpdf : polices réduites, tracés, logo et textes de chaque page.

use printpdf::lopdf::content::Operation;
use printpdf::path::PaintMode;
use printpdf::{
    Color, CustomPdfConformance, Image, ImageTransform, IndirectFontRef, Line, Mm, PdfConformance,
    PdfDocument, PdfDocumentReference, PdfLayerReference, Point, Pt, Rect, Rgb as PdfRgb,
    TextMatrix,
};

use super::fonts::{BOLD_TTF, REGULAR_TTF};
use super::logo::Logo;
use super::subset::subset_truetype;
use super::{Layout, Page, PdfError, Rgb, Shape, Style, PAGE_H, PAGE_W, PT};

fn pdf_color(c: Rgb) -> Color {
    Color::Rgb(PdfRgb::new(c.0, c.1, c.2, None))
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point::new(Mm(x), Mm(PAGE_H - y_from_top))
}

pub(super) fn emit(
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
