//! `kiosk screenshots`: renders every screen, and every step of one lesson of each step
//! kind, to PNG files (1920×1080 unless `--size` says otherwise) with the software
//! renderer, without a display. The app
//! is driven through the same callbacks a learner's taps call, on demo data.
//! `--course-samples` renders instead one characteristic step of each course.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use std::collections::HashSet;

use baeumteo_core::course::{Course, StepKind};
use slint::platform::software_renderer::{MinimalSoftwareWindow, RepaintBufferType};
use slint::platform::{Platform, WindowAdapter};
use slint::{ComponentHandle, PhysicalSize, Rgb8Pixel, SharedPixelBuffer};

pub use crate::catalog::sample_step;
use crate::narration::Narration;
use crate::ui::context::{Context, Shared, UiError};
use crate::ui::settings::{Look, TextScale};
use crate::ui::{AppWindow, Home, Idle, Nav, Player, SignIn};

/// A screen size in pixels, written `1366x768` on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenSize {
    pub width: u32,
    pub height: u32,
}

impl ScreenSize {
    /// The reference panel of DESIGN.md.
    pub const REFERENCE: ScreenSize = ScreenSize {
        width: 1920,
        height: 1080,
    };
    /// The panels the centers have (issue #18): the reference, the common laptop and
    /// all-in-one panels, and an old 5:4 monitor.
    pub const SUPPORTED: [ScreenSize; 4] = [
        ScreenSize::REFERENCE,
        ScreenSize {
            width: 1366,
            height: 768,
        },
        ScreenSize {
            width: 1280,
            height: 800,
        },
        ScreenSize {
            width: 1280,
            height: 1024,
        },
    ];
}

impl Default for ScreenSize {
    fn default() -> Self {
        ScreenSize::REFERENCE
    }
}

impl std::fmt::Display for ScreenSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

impl std::str::FromStr for ScreenSize {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wrong = || format!("`{s}` is not a size like 1366x768");
        let (w, h) = s.split_once(['x', 'X', '×']).ok_or_else(wrong)?;
        let width: u32 = w.trim().parse().map_err(|_| wrong())?;
        let height: u32 = h.trim().parse().map_err(|_| wrong())?;
        // Smaller than a phone or larger than 8K is a typing mistake, not a panel.
        if !(320..=7680).contains(&width) || !(240..=4320).contains(&height) {
            return Err(wrong());
        }
        Ok(ScreenSize { width, height })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ShotError {
    #[error(transparent)]
    Ui(#[from] UiError),
    #[error("the software renderer could not start: {0}")]
    Platform(String),
    #[error("{path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Demo(String),
    #[error("text scale must be 1.0, 1.5 or 2.0")]
    Scale,
    #[error("no step `{0}` (write it as course/lesson/step, e.g. messenger/send-photo/album)")]
    NoStep(String),
}

#[derive(Debug, Clone)]
pub struct ShotOptions {
    pub out: PathBuf,
    pub courses_dir: PathBuf,
    /// 1.0, 1.5 or 2.0
    pub scale: f32,
    pub high_contrast: bool,
    /// The window's size in pixels.
    pub size: ScreenSize,
}

struct ShotPlatform {
    window: Rc<MinimalSoftwareWindow>,
}

impl Platform for ShotPlatform {
    fn create_window_adapter(&self) -> Result<Rc<dyn WindowAdapter>, slint::PlatformError> {
        Ok(self.window.clone())
    }
}

struct Camera {
    window: Rc<MinimalSoftwareWindow>,
    size: ScreenSize,
    out: PathBuf,
    count: usize,
    written: Vec<PathBuf>,
}

impl Camera {
    /// Writes `NN-<name>.png`, numbered in the order of the tour.
    fn snap(&mut self, name: &str) -> Result<(), ShotError> {
        self.count += 1;
        let numbered = format!("{:02}-{name}", self.count);
        self.snap_as(&numbered)
    }

    /// Writes `<name>.png`.
    fn snap_as(&mut self, name: &str) -> Result<(), ShotError> {
        slint::platform::update_timers_and_animations();
        self.window.request_redraw();
        let ScreenSize { width, height } = self.size;
        let mut buffer = SharedPixelBuffer::<Rgb8Pixel>::new(width, height);
        self.window.draw_if_needed(|renderer| {
            renderer.render(buffer.make_mut_slice(), width as usize);
        });
        let path = self.out.join(format!("{name}.png"));
        write_png(&path, self.size, buffer.as_bytes()).map_err(|source| ShotError::Write {
            path: path.clone(),
            source,
        })?;
        self.written.push(path);
        Ok(())
    }
}

fn write_png(path: &Path, size: ScreenSize, rgb: &[u8]) -> std::io::Result<()> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut encoder = png::Encoder::new(file, size.width, size.height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
    writer
        .write_image_data(rgb)
        .map_err(std::io::Error::other)?;
    writer.finish().map_err(std::io::Error::other)
}

/// Renders the whole set into `options.out`; returns the files written.
pub fn render_all(options: &ShotOptions) -> Result<Vec<PathBuf>, ShotError> {
    let (app, ctx, mut cam, _data) = open(options)?;
    tour_all(&app, &ctx, &mut |name| cam.snap(name))?;
    Ok(cam.written)
}

/// Every state of the screenshots in their order: the learner's and instructor's tour,
/// the sync page's states, set-up and instructor management.
pub fn tour_all(app: &AppWindow, ctx: &Shared, visit: &mut Visit<'_>) -> Result<(), ShotError> {
    let look = ctx.borrow().session.look;
    tour(app, ctx, visit)?;
    // Leaving instructor mode signs out, which resets the look; the sync pages keep the set's.
    ctx.borrow_mut().session.look = look;
    crate::ui::look::show_look(app, &ctx.borrow());
    sync_pages(app, ctx, visit)?;
    tour_setup_and_instructors(app, ctx, visit)
}

/// Renders one characteristic step of each course (see `sample_step`) into
/// `options.out/<course-id>.png`, prerequisites or not; returns the files written.
pub fn render_course_samples(options: &ShotOptions) -> Result<Vec<PathBuf>, ShotError> {
    render_steps(options, |courses| {
        Ok(courses
            .iter()
            .enumerate()
            .filter_map(|(i, c)| sample_step(c).map(|(l, s)| (c.id.clone(), i, l, s)))
            .collect())
    })
}

/// Renders the steps named `course/lesson/step` into `options.out/<course>-<lesson>-<step>.png`
/// (to look at one step as the kiosk draws it); returns the files written.
pub fn render_named_steps(
    options: &ShotOptions,
    names: &[String],
) -> Result<Vec<PathBuf>, ShotError> {
    render_steps(options, |courses| {
        names
            .iter()
            .map(|name| {
                find_step(courses, name)
                    .map(|(c, l, s)| (name.replace('/', "-"), c, l, s))
                    .ok_or_else(|| ShotError::NoStep(name.clone()))
            })
            .collect()
    })
}

/// (course, lesson, step) indexes of `course/lesson/step`.
fn find_step(courses: &[Course], name: &str) -> Option<(usize, usize, usize)> {
    let mut parts = name.split('/');
    let (course, lesson, step) = (parts.next()?, parts.next()?, parts.next()?);
    let c = courses.iter().position(|c| c.id == course)?;
    let l = courses[c].lesson_index(lesson)?;
    let s = courses[c].lessons[l].step_index(step)?;
    (parts.next().is_none()).then_some((c, l, s))
}

/// One picture for each (file name, course, lesson, step) that `pick` chooses, with a
/// demo learner signed in; each step opens directly, whatever its prerequisites.
type Picks = Vec<(String, usize, usize, usize)>;

fn render_steps(
    options: &ShotOptions,
    pick: impl FnOnce(&[Course]) -> Result<Picks, ShotError>,
) -> Result<Vec<PathBuf>, ShotError> {
    let (app, ctx, mut cam, _data) = open(options)?;
    sign_in(&app, &ctx, "김순자")?;
    let picks = pick(&ctx.borrow().services.courses)?;
    for (name, course, lesson, step) in picks {
        crate::ui::connect_home::open_lesson(&app, &ctx, course, lesson, step);
        cam.snap_as(&name)?;
    }
    crate::ui::connect_player::leave_lesson(&ctx);
    Ok(cam.written)
}

/// Signs in a demo learner by name, the way a learner taps it.
fn sign_in(app: &AppWindow, ctx: &Shared, name: &str) -> Result<(), ShotError> {
    app.global::<Nav>().invoke_start();
    let signin = app.global::<SignIn>();
    signin.invoke_choose_filter(0);
    let i = card_index(ctx, name)
        .ok_or_else(|| ShotError::Demo(format!("the demo has no learner {name}")))?;
    signin.invoke_select_card(i);
    signin.invoke_confirm();
    Ok(())
}

/// A signed-out app on fresh demo data, drawn by the software renderer into a camera.
/// The temporary data folder lives as long as the returned guard.
fn open(
    options: &ShotOptions,
) -> Result<(AppWindow, Shared, Camera, tempfile::TempDir), ShotError> {
    let scale = match options.scale {
        s if (s - 1.0).abs() < 0.01 => TextScale::Normal,
        s if (s - 1.5).abs() < 0.01 => TextScale::Large,
        s if (s - 2.0).abs() < 0.01 => TextScale::Largest,
        _ => return Err(ShotError::Scale),
    };
    std::fs::create_dir_all(&options.out).map_err(|source| ShotError::Write {
        path: options.out.clone(),
        source,
    })?;
    let window = MinimalSoftwareWindow::new(RepaintBufferType::NewBuffer);
    window.set_size(PhysicalSize::new(options.size.width, options.size.height));
    slint::platform::set_platform(Box::new(ShotPlatform {
        window: window.clone(),
    }))
    .map_err(|e| ShotError::Platform(e.to_string()))?;

    let data = tempfile::tempdir().map_err(|source| ShotError::Write {
        path: std::env::temp_dir(),
        source,
    })?;
    crate::demo::ensure(data.path(), &options.courses_dir)
        .map_err(|e| ShotError::Demo(e.to_string()))?;
    let ctx: Shared = Rc::new(RefCell::new(Context::open(
        data.path(),
        &options.courses_dir,
        Narration::silent(),
    )?));
    let app = AppWindow::new().map_err(UiError::from)?;
    crate::ui::app::connect(&app, &ctx);
    ctx.borrow_mut().session.look = Look {
        scale,
        high_contrast: options.high_contrast,
    };
    crate::ui::look::show_look(&app, &ctx.borrow());
    app.show().map_err(UiError::from)?;
    let cam = Camera {
        window,
        size: options.size,
        out: options.out.clone(),
        count: 0,
        written: Vec::new(),
    };
    Ok((app, ctx, cam, data))
}

fn card_index(ctx: &Shared, name: &str) -> Option<i32> {
    let c = ctx.borrow();
    c.session
        .signin
        .visible()
        .iter()
        .position(|l| l.name == name)
        .map(|i| i as i32)
}

/// A visitor called at every state worth a picture (or a check), with its name.
/// Signs the learner out but keeps the text size and contrast, so the pages that follow
/// (instructor mode, set-up) are pictured in the set's look too.
fn sign_out_keeping_look(app: &AppWindow, ctx: &Shared) {
    let look = ctx.borrow().session.look;
    crate::ui::connect_shell::sign_out(app, ctx);
    ctx.borrow_mut().session.look = look;
    crate::ui::look::show_look(app, &ctx.borrow());
}

pub type Visit<'a> = dyn FnMut(&str) -> Result<(), ShotError> + 'a;

/// Walks through every screen and every step of one lesson of each step kind, the way a
/// learner would, calling `visit` at each state. Needs a signed-out app on demo data.
pub fn tour(app: &AppWindow, ctx: &Shared, visit: &mut Visit<'_>) -> Result<(), ShotError> {
    let cam = visit;
    let nav = app.global::<Nav>();
    let signin = app.global::<SignIn>();
    cam("welcome")?;
    nav.invoke_start();
    cam("sign-in")?;
    signin.invoke_toggle_new_help();
    cam("sign-in-first-time")?;
    signin.invoke_toggle_new_help();
    // The learner with a PIN (demo: 박말순).
    signin.invoke_choose_filter(0);
    if let Some(i) = card_index(ctx, "박말순") {
        signin.invoke_select_card(i);
        cam("sign-in-selected")?;
        signin.invoke_confirm();
        signin.invoke_pin_digit("1".into());
        signin.invoke_pin_digit("2".into());
        cam("pin")?;
        signin.invoke_pin_back();
    }
    // A consonant filter.
    let filters = ctx.borrow().session.signin.filters();
    if let Some(pos) = filters.iter().position(|f| *f == 'ㄱ') {
        signin.invoke_choose_filter(pos as i32 + 1);
        cam("sign-in-filtered")?;
        signin.invoke_choose_filter(0);
    }
    let Some(i) = card_index(ctx, "김순자") else {
        return Ok(());
    };
    signin.invoke_select_card(i);
    signin.invoke_confirm();
    cam("courses")?;
    app.global::<Home>().invoke_open_course(0);
    cam("course")?;
    nav.invoke_request_help();
    cam("help-requested")?;
    nav.invoke_go_home();

    // Every step of one lesson of each step kind.
    let plan = {
        let c = ctx.borrow();
        tour_lessons(&c.services.courses)
    };
    let mut seen = HashSet::new();
    for (course, lesson) in plan {
        crate::ui::connect_home::open_lesson(app, ctx, course, lesson, 0);
        play_lesson(app, ctx, cam, &mut seen)?;
    }

    // The idle question, and the lesson-complete screen is above.
    crate::ui::connect_shell::tick(app, ctx, Instant::now() + Duration::from_secs(185));
    cam("idle")?;

    // The course home's other pages: every course card, long titles included.
    app.global::<Idle>().invoke_keep_going();
    crate::ui::connect_home::open(app, ctx);
    let home = app.global::<Home>();
    for page in 2..=20 {
        if !home.get_has_next_page() {
            break;
        }
        home.invoke_next_page();
        cam(&format!("courses-page{page}"))?;
    }
    sign_out_keeping_look(app, ctx);

    // Instructor mode's learner records and class pages, for a center of 60 learners.
    let have = ctx.borrow().services.roster.len();
    if have < 60 {
        let added = ctx
            .borrow()
            .services
            .journal
            .query(move |store| crowd(store, 60 - have));
        added.unwrap_or(Ok(()))?;
        ctx.borrow_mut().refresh();
    }
    crate::ui::instructor::tour::tour(app, crate::demo::DEMO_PIN, cam)?;
    Ok(())
}

/// Adds `count` learners with made-up names to `store`, so pictures and tests show a
/// center of 60 learners (the class check-in and the learner list in pages).
pub fn crowd(store: &mut crate::store::Store, count: usize) -> Result<(), ShotError> {
    const FAMILY: [&str; 10] = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
    const GIVEN: [&str; 8] = [
        "영순", "말자", "복희", "정례", "순덕", "옥희", "금자", "춘심",
    ];
    for i in 0..count {
        let name = format!(
            "{}{}",
            FAMILY[i % FAMILY.len()],
            GIVEN[i / FAMILY.len() % GIVEN.len()]
        );
        let profile = baeumteo_core::event::LearnerProfile {
            name,
            birth_year: 1940 + (i % 20) as u16,
            township: "남면".into(),
            gender: None,
            phone: None,
            icon: crate::ui::icons::ICONS[i % crate::ui::icons::ICONS.len()].into(),
            pin_hash: None,
            consent: baeumteo_core::event::Consent {
                version: crate::instructor::registration::CONSENT_VERSION.into(),
                required: true,
                gender: false,
                phone: false,
            },
        };
        store
            .append(baeumteo_core::event::EventBody::LearnerRegistered {
                learner_id: uuid::Uuid::now_v7(),
                profile,
            })
            .map_err(|e| ShotError::Demo(e.to_string()))?;
    }
    Ok(())
}

/// Every step of the open lesson, with the states a learner sees, then "수업을 마쳤어요".
/// Lessons that together hold every step kind, each played whole: for each kind (rarest
/// first) the first lesson not yet chosen that has it, unless a chosen one already has it.
pub fn tour_lessons(courses: &[Course]) -> Vec<(usize, usize)> {
    let all: Vec<(usize, usize)> = courses
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| (0..c.lessons.len()).map(move |li| (ci, li)))
        .collect();
    let has = |&(ci, li): &(usize, usize), kind: &str| {
        courses[ci].lessons[li]
            .steps
            .iter()
            .any(|s| s.kind_name() == kind)
    };
    let mut kinds = ["slide", "quiz", "gesture", "simulation", "typing"];
    kinds.sort_by_key(|k| all.iter().filter(|l| has(l, k)).count());
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    for kind in kinds {
        if chosen.iter().any(|l| has(l, kind)) {
            continue;
        }
        if let Some(l) = all.iter().find(|l| has(l, kind)) {
            chosen.push(*l);
        }
    }
    chosen.sort();
    chosen
}

/// Which extra states were already pictured (a quiz's wrong answer once, not per quiz).
fn extra_key(kind: &StepKind) -> String {
    match kind {
        StepKind::Gesture { gesture, .. } => format!("gesture-{gesture:?}"),
        StepKind::Slide { .. } => "slide".into(),
        StepKind::Quiz { .. } => "quiz".into(),
        StepKind::Simulation { .. } => "simulation".into(),
        StepKind::Typing { .. } => "typing".into(),
    }
}

fn play_lesson(
    app: &AppWindow,
    ctx: &Shared,
    visit: &mut Visit<'_>,
    seen: &mut HashSet<String>,
) -> Result<(), ShotError> {
    let player = app.global::<Player>();
    let lesson_id = ctx
        .borrow()
        .session
        .player
        .as_ref()
        .map(|p| p.lesson().id.clone())
        .unwrap_or_default();
    for n in 1..=200 {
        let Some(step) = ctx
            .borrow()
            .session
            .player
            .as_ref()
            .and_then(|p| p.step().cloned())
        else {
            break;
        };
        let name = format!("lesson-{lesson_id}-step{n}-{}", step.kind_name());
        visit(&name)?;
        // Extra states (wrong answer, hint, done) are pictured once per kind of practice.
        let first = seen.insert(extra_key(&step.kind));
        let mut cam = |extra: &str| if first { visit(extra) } else { Ok(()) };
        match &step.kind {
            StepKind::Slide { .. } => {}
            StepKind::Quiz {
                answer, choices, ..
            } => {
                let wrong = (0..choices.len()).find(|i| i != answer).unwrap_or(0);
                player.invoke_choose(wrong as i32);
                cam(&format!("{name}-selected"))?;
                player.invoke_check();
                cam(&format!("{name}-wrong"))?;
                player.invoke_choose(*answer as i32);
                player.invoke_check();
                cam(&format!("{name}-right"))?;
            }
            StepKind::Gesture { .. } => {
                player.invoke_practice_miss();
                player.invoke_practice_miss();
                cam(&format!("{name}-hint"))?;
                if matches!(
                    step.kind,
                    StepKind::Gesture {
                        gesture: baeumteo_core::course::Gesture::Drag { .. },
                        ..
                    }
                ) {
                    player.invoke_drag_pick();
                    cam(&format!("{name}-picked"))?;
                    player.invoke_drag_drop(true);
                } else {
                    player.invoke_practice_hit();
                }
                cam(&format!("{name}-done"))?;
            }
            StepKind::Simulation { hotspots, .. } => {
                if let Some(w) = hotspots.iter().position(|h| !h.correct) {
                    player.invoke_hotspot(w as i32);
                } else {
                    player.invoke_hotspot_miss();
                }
                cam(&format!("{name}-hint"))?;
                if let Some(r) = hotspots.iter().position(|h| h.correct) {
                    player.invoke_hotspot(r as i32);
                }
                cam(&format!("{name}-done"))?;
            }
            StepKind::Typing { phrase, .. } => {
                let keys = crate::hangul::keys_for(phrase);
                let half = keys.len() / 2;
                for k in &keys[..half] {
                    type_key(app, *k);
                }
                cam(&format!("{name}-typing"))?;
                for k in &keys[half..] {
                    type_key(app, *k);
                }
                cam(&format!("{name}-done"))?;
            }
        }
        player.invoke_next();
        if app.global::<Nav>().get_screen() == crate::ui::Screen::LessonDone {
            visit(&format!("lesson-{lesson_id}-done"))?;
            break;
        }
    }
    Ok(())
}

/// First-run set-up (each step, and a validation message) and instructor management
/// (list, add with a message, confirm removal, server). The set-up form is only shown and
/// filled, never finished, so the data is left as it was except for a second instructor
/// (a placeholder hash that no PIN matches) added to picture a removal.
pub fn tour_setup_and_instructors(
    app: &AppWindow,
    ctx: &Shared,
    visit: &mut Visit<'_>,
) -> Result<(), ShotError> {
    use crate::ui::{Instructor, InstructorPage, Screen, Setup, Staff};
    let cam = visit;
    // The learner tour ends on the idle question; set-up starts signed out.
    sign_out_keeping_look(app, ctx);
    let setup = app.global::<Setup>();
    let type_text = |text: &str| {
        for k in crate::hangul::keys_for(text) {
            setup.invoke_key(k.to_string().into());
        }
    };
    crate::ui::connect_setup::open(app, ctx);
    cam("setup-center")?;
    setup.invoke_next();
    cam("setup-center-invalid")?;
    type_text("남면 디지털배움터");
    setup.invoke_focus_field(1);
    type_text("배움군");
    setup.invoke_focus_field(2);
    type_text("남면");
    setup.invoke_next();
    type_text("김강사");
    setup.invoke_focus_field(1);
    type_text("2580");
    setup.invoke_focus_field(2);
    type_text("2581");
    setup.invoke_next();
    cam("setup-instructor-mismatch")?;
    setup.invoke_backspace();
    type_text("0");
    setup.invoke_next();
    cam("setup-server")?;

    // Instructor management, as the first instructor signed in.
    use crate::ui::instructor::connect_instructors::directory;
    let staff_now = directory(ctx).unwrap_or_default();
    let me = staff_now.instructors().next().map(|i| i.instructor_id);
    for name in ["이서포터", "최서포터"]
        .into_iter()
        .skip(staff_now.instructors().count())
    {
        ctx.borrow().services.journal.query(move |store| {
            crate::instructor::setup::record_instructor(store, name, "screenshot".into())
        });
    }
    app.global::<Nav>().set_screen(Screen::Instructor);
    crate::ui::look::show_look(app, &ctx.borrow());
    app.global::<Instructor>()
        .set_page(InstructorPage::Instructors);
    crate::ui::instructor::connect_instructors::open(app, ctx, me);
    cam("instructors")?;
    let staff = app.global::<Staff>();
    staff.invoke_start_add();
    for k in crate::hangul::keys_for("박서포터") {
        staff.invoke_key(k.to_string().into());
    }
    staff.invoke_focus_field(1);
    staff.invoke_key("1".into());
    staff.invoke_save();
    cam("instructors-add-invalid")?;
    staff.invoke_show_list();
    let other = directory(ctx).and_then(|d| {
        d.instructors()
            .map(|i| i.instructor_id)
            .find(|id| Some(*id) != me)
    });
    if let Some(other) = other {
        staff.invoke_ask_remove(other.to_string().into());
        cam("instructors-remove-confirm")?;
    }
    staff.invoke_start_server();
    cam("instructors-server")?;
    crate::ui::instructor::connect_instructors::open(app, ctx, me);
    crate::ui::connect_shell::show_welcome(app, ctx);
    Ok(())
}

fn type_key(app: &AppWindow, k: char) {
    let player = app.global::<Player>();
    if k == ' ' {
        player.invoke_space();
    } else {
        player.invoke_key(k.to_string().into());
    }
}

/// The instructor's sync page in the states an instructor meets: never synced (not
/// enrolled, as on demo data), failing with records waiting and a wrong clock, revoked.
fn sync_pages(app: &AppWindow, ctx: &Shared, visit: &mut Visit<'_>) -> Result<(), ShotError> {
    use crate::sync::{SyncFailure, SyncStatus};
    use crate::ui::instructor::connect_sync_page::fill;
    let now = chrono::Utc::now();
    let enrolled = SyncStatus {
        enrolled: true,
        server_url: Some("https://baeumteo.county.go.kr".into()),
        center: Some(baeumteo_core::wire::CenterInfo {
            center_name: "입암면 디지털배움터".into(),
            county: "배움군".into(),
            township: "입암면".into(),
        }),
        ..SyncStatus::default()
    };
    let states = [
        ("never", SyncStatus::default()),
        (
            "failing",
            SyncStatus {
                events_waiting: 137,
                last_success_at: Some(now - chrono::Duration::minutes(200)),
                last_failure: Some(SyncFailure::Offline {
                    detail: "connection refused".into(),
                }),
                clock_offset_ms: Some(-9 * 60_000),
                ..enrolled.clone()
            },
        ),
        (
            "running",
            SyncStatus {
                events_waiting: 12,
                last_success_at: Some(now - chrono::Duration::minutes(4)),
                running: true,
                ..enrolled.clone()
            },
        ),
        (
            "revoked",
            SyncStatus {
                revoked: true,
                events_waiting: 3,
                last_success_at: Some(now - chrono::Duration::days(3)),
                ..enrolled
            },
        ),
    ];
    // The tour ends on the idle question; the instructor answered it.
    app.global::<crate::ui::Idle>().invoke_keep_going();
    app.global::<Nav>()
        .set_screen(crate::ui::Screen::Instructor);
    crate::ui::look::show_look(app, &ctx.borrow());
    app.global::<crate::ui::Instructor>()
        .set_page(crate::ui::InstructorPage::Sync);
    for (name, status) in states {
        fill(app, &ctx.borrow().services.i18n, &status, now);
        visit(&format!("instructor-sync-{name}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn courses_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../courses")
    }

    #[test]
    fn a_course_sample_is_a_pictured_simulation_well_into_the_course() {
        let set = baeumteo_core::course::load_courses(&courses_dir());
        let ordering = set.course("kiosk-ordering").expect("the course ships");
        let (l, s) = sample_step(ordering).expect("it has steps");
        let step = &ordering.lessons[l].steps[s];
        assert!(
            matches!(step.kind, StepKind::Simulation { image: Some(_), .. }),
            "{}",
            step.id
        );
        assert!(l > 0, "not the first lesson's first screen: {}", step.id);
        for course in &set.courses {
            assert!(sample_step(course).is_some(), "{}", course.id);
        }
    }

    #[test]
    fn a_step_is_named_by_course_lesson_and_step_id() {
        let set = baeumteo_core::course::load_courses(&courses_dir());
        let (c, l, s) = find_step(&set.courses, "messenger/send-photo/album").expect("it ships");
        assert_eq!(set.courses[c].lessons[l].steps[s].id, "album");
        for wrong in [
            "messenger/send-photo",
            "messenger/send-photo/nothing",
            "a/b/c/d",
            "",
        ] {
            assert_eq!(find_step(&set.courses, wrong), None, "{wrong}");
        }
    }

    #[test]
    fn a_course_without_simulations_is_shown_by_a_pictured_quiz_or_slide() {
        let set = baeumteo_core::course::load_courses(&courses_dir());
        let mut course = set
            .course("finance-safety")
            .expect("the course ships")
            .clone();
        course.lessons.retain(|l| l.id == "smishing");
        let (l, s) = sample_step(&course).expect("it has steps");
        assert!(matches!(
            course.lessons[l].steps[s].kind,
            StepKind::Quiz { image: Some(_), .. }
        ));
    }
}
