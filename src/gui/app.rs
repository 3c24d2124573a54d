//! La coquille de l'application : barre latérale des fenêtres, fenêtre ouverte, barre
//! d'état. Elle charge les fiches au démarrage et transmet les messages à la fenêtre
//! concernée ; aucune règle métier ici.

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDate;
use iced::widget::{button, column, container, row, text, Space};
use iced::{Alignment, Length, Task, Theme};

use super::screen::buildings::{self, Buildings};
use super::screen::leases::{self, Leases};
use super::screen::list;
use super::screen::tenants::{self, Tenants};
use super::screen::third_parties::{self, ThirdParties};
use super::screen::units::{self, Units};
use super::widget::Element;
use super::{text as wording, theme};
use crate::model::dates::format_date;
use crate::store::{Session, Store};

/// Les fenêtres de la barre latérale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Buildings,
    Units,
    Tenants,
    ThirdParties,
    Leases,
}

impl Window {
    pub const ALL: [Window; 5] = [
        Window::Buildings,
        Window::Units,
        Window::Tenants,
        Window::ThirdParties,
        Window::Leases,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Window::Buildings => wording::BUILDINGS,
            Window::Units => wording::UNITS,
            Window::Tenants => wording::TENANTS,
            Window::ThirdParties => wording::THIRD_PARTIES,
            Window::Leases => wording::LEASES,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Clic dans la barre latérale.
    Open(Window),
    Buildings(buildings::Message),
    Units(units::Message),
    Tenants(tenants::Message),
    ThirdParties(third_parties::Message),
    Leases(leases::Message),
}

/// L'état de l'application.
pub struct App {
    /// Gardée ouverte pour les saisies à venir.
    #[allow(dead_code)]
    store: Store,
    session: Session,
    database: PathBuf,
    landlord_name: String,
    today: NaiveDate,
    window: Window,
    selection: Option<String>,
    buildings: Buildings,
    units: Units,
    tenants: Tenants,
    third_parties: ThirdParties,
    leases: Leases,
}

impl App {
    /// Charge les fiches du bailleur de la session.
    pub fn load(store: Store, session: Session, database: PathBuf) -> Result<App, String> {
        let landlord = store
            .landlord(&session)
            .map_err(|e| wording::cannot_open_session(&e.to_string()))?;
        let (buildings, units, tenants, third_parties, leases) = {
            let repo = store.read(&session);
            let read = |what: &str, e: crate::store::StoreError| {
                wording::cannot_read(what, &e.to_string())
            };
            (
                repo.buildings().map_err(|e| read(wording::BUILDINGS, e))?,
                repo.units().map_err(|e| read(wording::UNITS, e))?,
                repo.tenants().map_err(|e| read(wording::TENANTS, e))?,
                repo.third_parties()
                    .map_err(|e| read(wording::THIRD_PARTIES, e))?,
                repo.leases().map_err(|e| read(wording::LEASES, e))?,
            )
        };
        Ok(App {
            store,
            session,
            database,
            landlord_name: landlord.name,
            today: chrono::Local::now().date_naive(),
            window: Window::Buildings,
            selection: None,
            buildings: Buildings::new(buildings),
            units: units::new(units),
            tenants: tenants::new(tenants),
            third_parties: third_parties::new(third_parties),
            leases: leases::new(leases),
        })
    }

    pub fn title(&self) -> String {
        wording::window_title(&self.landlord_name)
    }

    pub fn theme(&self) -> Theme {
        theme::theme()
    }

    pub fn window(&self) -> Window {
        self.window
    }

    pub fn buildings(&self) -> &Buildings {
        &self.buildings
    }

    pub fn selection(&self) -> Option<&str> {
        self.selection.as_deref()
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let selected = match message {
            Message::Open(window) => {
                self.window = window;
                self.selection = None;
                None
            }
            Message::Buildings(m) => self
                .buildings
                .update(m)
                .map(|buildings::Event::Selected(r)| r),
            Message::Units(m) => self.units.update(m).map(|list::Event::Selected(r)| r),
            Message::Tenants(m) => self.tenants.update(m).map(|list::Event::Selected(r)| r),
            Message::ThirdParties(m) => self
                .third_parties
                .update(m)
                .map(|list::Event::Selected(r)| r),
            Message::Leases(m) => self.leases.update(m).map(|list::Event::Selected(r)| r),
        };
        if selected.is_some() {
            self.selection = selected;
        }
        Task::none()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let screen = match self.window {
            Window::Buildings => self.buildings.view().map(Message::Buildings),
            Window::Units => self.units.view().map(Message::Units),
            Window::Tenants => self.tenants.view().map(Message::Tenants),
            Window::ThirdParties => self.third_parties.view().map(Message::ThirdParties),
            Window::Leases => self.leases.view().map(Message::Leases),
        };
        let work = container(screen)
            .padding(theme::SPACE_XL)
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::page);
        column![
            row![self.sidebar(), work].height(Length::Fill),
            self.status_bar()
        ]
        .into()
    }

    fn count(&self, window: Window) -> usize {
        match window {
            Window::Buildings => self.buildings.total(),
            Window::Units => self.units.total(),
            Window::Tenants => self.tenants.total(),
            Window::ThirdParties => self.third_parties.total(),
            Window::Leases => self.leases.total(),
        }
    }

    fn sidebar(&self) -> Element<'_, Message> {
        let items = Window::ALL.iter().map(|&window| {
            let label = row![
                text(window.title()).size(theme::TEXT_BODY),
                Space::new().width(Length::Fill),
                text(self.count(window).to_string()).size(theme::TEXT_SMALL),
            ]
            .align_y(Alignment::Center);
            button(label)
                .on_press(Message::Open(window))
                .padding([theme::SPACE_S, theme::SPACE_M])
                .width(Length::Fill)
                .style(theme::sidebar_item(window == self.window))
                .into()
        });
        let content = column![
            text(wording::APP_NAME)
                .font(theme::FONT_BOLD)
                .size(theme::TEXT_TITLE),
            text(self.landlord_name.as_str()).size(theme::TEXT_SMALL),
            Space::new().height(theme::SPACE_L),
            column(items).spacing(theme::SPACE_XS),
        ]
        .spacing(theme::SPACE_XS);
        container(content)
            .padding(theme::SPACE_L)
            .width(theme::SIDEBAR_WIDTH)
            .height(Length::Fill)
            .style(theme::sidebar)
            .into()
    }

    fn status_bar(&self) -> Element<'_, Message> {
        let mut parts = vec![
            wording::status_landlord(&self.landlord_name, &self.session.landlord_code),
            wording::status_database(&self.database),
            wording::status_date(&format_date(self.today)),
        ];
        if let Some(reference) = &self.selection {
            parts.push(wording::status_selected(reference));
        }
        let items = parts
            .into_iter()
            .map(|part| text(part).size(theme::TEXT_SMALL).into());
        container(
            row(items)
                .spacing(theme::SPACE_XL)
                .align_y(Alignment::Center),
        )
        .padding([theme::SPACE_XS, theme::SPACE_L])
        .width(Length::Fill)
        .style(theme::status_bar)
        .into()
    }
}

/// Réglages d'iced : polices embarquées et police par défaut.
pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![
            theme::FONT_REGULAR_BYTES.into(),
            theme::FONT_BOLD_BYTES.into(),
        ],
        default_font: theme::FONT,
        default_text_size: theme::TEXT_BODY.into(),
        ..iced::Settings::default()
    }
}

/// Refuse de démarrer sans serveur d'affichage (iced paniquerait) : à vérifier avant de
/// toucher à la base.
pub fn check_display() -> Result<(), String> {
    if cfg!(all(unix, not(target_os = "macos")))
        && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
    {
        return Err(wording::NO_DISPLAY.to_string());
    }
    Ok(())
}

/// Ouvre la fenêtre et rend la main quand elle est fermée.
pub fn run(app: App) -> Result<(), String> {
    check_display()?;
    let slot = Cell::new(Some(app));
    let boot = move || {
        // ok: iced 0.14 appelle `boot` une seule fois (iced_program::Instance::new) ; le
        // rechargement à chaud, qui le rappellerait, n'est pas activé.
        slot.take()
            .expect("l'application est démarrée une seule fois")
    };
    let application = iced::application(boot, App::update, App::view)
        .title(App::title)
        .theme(App::theme)
        .settings(settings())
        .window_size((1280.0, 800.0));
    // iced panique si le serveur X ou ses bibliothèques manquent : on le dit en français,
    // avec le détail technique, plutôt que de laisser s'afficher la trace de la panique.
    // Les paniques d'autres fils (tâches de fond) restent affichées telles quelles.
    static PANIC: Mutex<Option<String>> = Mutex::new(None);
    let window_thread = std::thread::current().id();
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != window_thread {
            eprintln!("abri : {info}");
            return;
        }
        let payload = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        if let Ok(mut slot) = PANIC.lock() {
            slot.get_or_insert(payload);
        }
    }));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| application.run()));
    std::panic::set_hook(previous_hook);
    match outcome {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(wording::gui_failed(match error {
            iced::Error::ExecutorCreationFailed(_) => wording::EXECUTOR_FAILED,
            iced::Error::WindowCreationFailed(_) => wording::WINDOW_FAILED,
            iced::Error::GraphicsCreationFailed(_) => wording::GRAPHICS_FAILED,
        })),
        Err(_) => {
            let detail = PANIC
                .lock()
                .ok()
                .and_then(|mut slot| slot.take())
                .unwrap_or_default();
            Err(wording::gui_crashed(&detail))
        }
    }
}
