//! Mise en page PDF des documents (A4, polices DejaVu embarquées, texte extractible).

use super::{Document, Letterhead};

/// Erreur de production d'un PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("impossible de produire le PDF : {0}")]
    Render(String),
}

/// Un PDF contenant tous les documents, chacun sur sa (ses) page(s).
pub fn render(docs: &[Document], letterhead: &Letterhead) -> Result<Vec<u8>, PdfError> {
    let _ = (docs, letterhead);
    Err(PdfError::Render("mise en page pas encore écrite".into()))
}
