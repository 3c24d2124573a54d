//! L'ordre des couches (ARCHITECTURE.md, « Layers ») : modèle ← grand livre ← store,
//! formats, documents ← traitements ← ligne de commande, interface. Chaque dossier de
//! `src/` ne nomme (`crate::…`) que les couches à sa gauche ; aucun cycle entre
//! dossiers ; aucun nom de `rusqlite` hors de `src/store/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Ce que chaque couche peut nommer, elle comprise.
const ALLOWED: &[(&str, &[&str])] = &[
    ("model", &["model"]),
    ("ledger", &["model", "ledger"]),
    ("store", &["model", "ledger", "store"]),
    ("formats", &["model", "ledger", "formats"]),
    ("documents", &["model", "ledger", "documents"]),
    (
        "treatments",
        &[
            "model",
            "ledger",
            "store",
            "formats",
            "documents",
            "treatments",
        ],
    ),
    (
        "gui",
        &[
            "model",
            "ledger",
            "store",
            "formats",
            "documents",
            "treatments",
            "gui",
        ],
    ),
    // la ligne de commande ouvre l'interface (`abri` sans commande) et la mesure
    (
        "cli",
        &[
            "model",
            "ledger",
            "store",
            "formats",
            "documents",
            "treatments",
            "gui",
            "cli",
        ],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Le texte d'un fichier sans ses commentaires (`//` jusqu'à la fin de la ligne).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Les couches nommées par `crate::couche` dans `code`.
fn named_layers(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.insert(name);
        }
        rest = after;
    }
    found
}

/// (couche du fichier, couche nommée, fichier) pour chaque nom de couche de `src/`.
fn imports() -> Vec<(String, String, PathBuf)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut out = Vec::new();
    for file in files {
        let Ok(relative) = file.strip_prefix(&src) else {
            continue;
        };
        // lib.rs et main.rs, à la racine, ne font que déclarer et lancer
        let Some(layer) = relative
            .components()
            .next()
            .filter(|_| relative.components().count() > 1)
            .and_then(|c| c.as_os_str().to_str())
            .map(str::to_string)
        else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("fichier source lisible");
        for named in named_layers(&code_of(&text)) {
            out.push((layer.clone(), named, relative.to_path_buf()));
        }
    }
    out
}

#[test]
fn every_folder_names_only_the_layers_to_its_left() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut wrong = Vec::new();
    for (layer, named, file) in imports() {
        match allowed.get(layer.as_str()) {
            Some(ok) if ok.contains(&named.as_str()) => {}
            Some(_) => wrong.push(format!("{} : {layer} nomme crate::{named}", file.display())),
            None => wrong.push(format!(
                "{} : dossier {layer} hors des couches",
                file.display()
            )),
        }
    }
    assert!(
        wrong.is_empty(),
        "imports contre l'ordre des couches :\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_two_folders_name_each_other() {
    let pairs: BTreeSet<(String, String)> = imports()
        .into_iter()
        .filter(|(layer, named, _)| layer != named)
        .map(|(layer, named, _)| (layer, named))
        .collect();
    let cycles: Vec<_> = pairs
        .iter()
        .filter(|(a, b)| pairs.contains(&(b.clone(), a.clone())))
        .collect();
    assert!(
        cycles.is_empty(),
        "dossiers qui se nomment l'un l'autre : {cycles:?}"
    );
}

#[test]
fn rusqlite_is_named_only_in_the_store() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let outside: Vec<_> = files
        .iter()
        .filter(|f| !f.starts_with(src.join("store")))
        .filter(|f| {
            std::fs::read_to_string(f)
                .map(|t| code_of(&t).contains("rusqlite"))
                .unwrap_or(false)
        })
        .collect();
    assert!(
        outside.is_empty(),
        "rusqlite nommé hors du store : {outside:?}"
    );
}

/// Le contrôle lit les chemins `crate::…` du code, pas ceux des commentaires.
#[test]
fn named_layers_reads_crate_paths_and_skips_comments() {
    let code = code_of("use crate::store::Repo; // crate::gui\nlet x = crate::ledger::post;");
    assert_eq!(
        named_layers(&code),
        BTreeSet::from(["store".to_string(), "ledger".to_string()])
    );
}
