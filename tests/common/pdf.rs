//! Relecture du texte d'un PDF produit par Abri (polices Identity-H décodées par leur
//! table ToUnicode), pour vérifier ce que les documents impriment.

use std::collections::HashMap;

use printpdf::lopdf::{self, content::Content, Object};

/// Le texte de chaque page, lignes séparées par `\n`, espaces insécables remplacées par
/// des espaces ordinaires.
pub fn extract_pages(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("le PDF se relit");
    let mut pages = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let mut maps: HashMap<Vec<u8>, HashMap<u16, char>> = HashMap::new();
        for (name, font) in page_fonts(&doc, page_id) {
            let stream = font
                .get(b"ToUnicode")
                .and_then(Object::as_reference)
                .and_then(|id| doc.get_object(id))
                .and_then(Object::as_stream)
                .expect("police avec table ToUnicode");
            let data = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            maps.insert(name, parse_to_unicode(&String::from_utf8_lossy(&data)));
        }
        let content = doc.get_page_content(page_id).expect("contenu de page");
        let content = Content::decode(&content).expect("contenu décodable");
        let mut text = String::new();
        let mut font: Option<&HashMap<u16, char>> = None;
        let mut last_y: Option<f32> = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands[0].as_name().expect("nom de police");
                    font = maps.get(name);
                }
                "Tm" => {
                    let y = number(&op.operands[5]);
                    match last_y {
                        Some(last) if (last - y).abs() < 0.5 => text.push(' '),
                        Some(_) => text.push('\n'),
                        None => {}
                    }
                    last_y = Some(y);
                }
                "Tj" => {
                    let bytes = op.operands[0].as_str().expect("chaîne de glyphes");
                    let map = font.expect("police choisie avant le texte");
                    for pair in bytes.chunks_exact(2) {
                        let glyph = u16::from_be_bytes([pair[0], pair[1]]);
                        text.push(*map.get(&glyph).expect("glyphe présent dans ToUnicode"));
                    }
                }
                _ => {}
            }
        }
        pages.push(text.replace('\u{a0}', " "));
    }
    pages
}

/// Polices de la page (le dictionnaire /Font peut être une référence, que
/// `lopdf::Document::get_page_fonts` ne suit pas).
fn page_fonts(
    doc: &lopdf::Document,
    page_id: lopdf::ObjectId,
) -> Vec<(Vec<u8>, &lopdf::Dictionary)> {
    fn resolve<'a>(doc: &'a lopdf::Document, object: &'a Object) -> Option<&'a lopdf::Dictionary> {
        match object {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(dict) => Some(dict),
            _ => None,
        }
    }
    let page = doc.get_dictionary(page_id).expect("page");
    let resources = page
        .get(b"Resources")
        .ok()
        .and_then(|r| resolve(doc, r))
        .expect("ressources");
    let fonts = resources
        .get(b"Font")
        .ok()
        .and_then(|f| resolve(doc, f))
        .expect("polices");
    fonts
        .iter()
        .filter_map(|(name, font)| Some((name.clone(), resolve(doc, font)?)))
        .collect()
}

fn number(object: &Object) -> f32 {
    match *object {
        Object::Integer(i) => i as f32,
        Object::Real(r) => r,
        _ => panic!("nombre attendu"),
    }
}

fn parse_to_unicode(cmap: &str) -> HashMap<u16, char> {
    let mut map = HashMap::new();
    for line in cmap.lines() {
        let parts: Vec<&str> = line
            .split(['<', '>'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if let [glyph, unicode] = parts[..] {
            if let (Ok(glyph), Ok(unicode)) = (
                u16::from_str_radix(glyph, 16),
                u32::from_str_radix(unicode, 16),
            ) {
                if let Some(c) = char::from_u32(unicode) {
                    map.insert(glyph, c);
                }
            }
        }
    }
    map
}
