//! Reading steps aloud with rodio: play a step's narration, replay, stop, volume and speed
//! (0.8× / 1× / 1.2×). Audio lives on its own thread; without an audio device every call
//! still works and does nothing, and the UI shows a small note.

use std::cell::RefCell;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

/// Volume steps the learner cycles through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Volume {
    Low,
    #[default]
    Medium,
    High,
}

impl Volume {
    pub fn gain(self) -> f32 {
        match self {
            Volume::Low => 0.5,
            Volume::Medium => 1.0,
            Volume::High => 1.6,
        }
    }

    pub fn next(self) -> Volume {
        match self {
            Volume::Low => Volume::Medium,
            Volume::Medium => Volume::High,
            Volume::High => Volume::Low,
        }
    }
}

/// Reading speed: 0.8×, 1×, 1.2×.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Speed {
    Slow,
    #[default]
    Normal,
    Fast,
}

impl Speed {
    pub fn factor(self) -> f32 {
        match self {
            Speed::Slow => 0.8,
            Speed::Normal => 1.0,
            Speed::Fast => 1.2,
        }
    }

    pub fn next(self) -> Speed {
        match self {
            Speed::Slow => Speed::Normal,
            Speed::Normal => Speed::Fast,
            Speed::Fast => Speed::Slow,
        }
    }
}

enum Command {
    Play(PathBuf),
    Stop,
    Volume(f32),
    Speed(f32),
}

/// The narration player. Cheap to call from the UI thread: every call only sends a message.
pub struct Narration {
    tx: Option<Sender<Command>>,
    pub autoplay: bool,
    volume: Volume,
    speed: Speed,
    last: Option<PathBuf>,
    /// The file last asked to play, until a stop (it may have finished since).
    requested: RefCell<Option<PathBuf>>,
}

impl std::fmt::Debug for Narration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Narration")
            .field("available", &self.is_available())
            .field("volume", &self.volume)
            .field("speed", &self.speed)
            .finish()
    }
}

impl Narration {
    /// Opens the default audio device on a thread of its own; waits briefly for the answer
    /// (once, at start-up) so the UI knows at once whether to show the no-audio note.
    pub fn start() -> Narration {
        let (tx, rx) = mpsc::channel();
        let (ready_tx, ready_rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("narration".into())
            .spawn(move || audio_thread(rx, ready_tx));
        let available = spawned.is_ok()
            && ready_rx
                .recv_timeout(Duration::from_secs(3))
                .unwrap_or(false);
        if !available {
            tracing::warn!("no audio device: narration is off");
        }
        Narration {
            tx: available.then_some(tx),
            ..Narration::silent()
        }
    }

    /// No audio at all (tests, screenshots, or a kiosk without a sound card).
    pub fn silent() -> Narration {
        Narration {
            tx: None,
            autoplay: true,
            volume: Volume::default(),
            speed: Speed::default(),
            last: None,
            requested: RefCell::new(None),
        }
    }

    pub fn is_available(&self) -> bool {
        self.tx.is_some()
    }

    fn send(&self, c: Command) {
        if let Some(tx) = &self.tx {
            // A dead audio thread only means silence.
            let _ = tx.send(c);
        }
    }

    /// A step opened: remember its narration and play it when autoplay is on.
    pub fn open_step(&mut self, path: Option<&Path>) {
        self.last = path.map(Path::to_path_buf);
        if self.autoplay {
            self.replay();
        } else {
            self.stop();
        }
    }

    /// Plays `path` now, cutting off what was playing (a quiz's feedback replaces its
    /// question), without changing what "다시 듣기" replays.
    pub fn play_once(&self, path: &Path) {
        self.play(path.to_path_buf());
    }

    pub fn replay(&self) {
        match self.last.clone() {
            Some(p) => self.play(p),
            None => self.stop(),
        }
    }

    fn play(&self, path: PathBuf) {
        self.requested.replace(Some(path.clone()));
        self.send(Command::Play(path));
    }

    pub fn stop(&self) {
        self.requested.replace(None);
        self.send(Command::Stop);
    }

    /// The file last asked to play since the last stop (also without an audio device).
    pub fn requested(&self) -> Option<PathBuf> {
        self.requested.borrow().clone()
    }

    pub fn volume(&self) -> Volume {
        self.volume
    }

    pub fn speed(&self) -> Speed {
        self.speed
    }

    pub fn set_volume(&mut self, v: Volume) {
        self.volume = v;
        self.send(Command::Volume(v.gain()));
    }

    pub fn set_speed(&mut self, s: Speed) {
        self.speed = s;
        self.send(Command::Speed(s.factor()));
    }
}

fn audio_thread(rx: Receiver<Command>, ready: Sender<bool>) {
    let mut stream = match rodio::OutputStreamBuilder::open_default_stream() {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, "could not open the audio device");
            let _ = ready.send(false);
            return;
        }
    };
    stream.log_on_drop(false);
    let _ = ready.send(true);
    let mut sink: Option<rodio::Sink> = None;
    let mut volume = Volume::default().gain();
    let mut speed = Speed::default().factor();
    for command in rx {
        match command {
            Command::Play(path) => {
                if let Some(s) = sink.take() {
                    s.stop();
                }
                match open(&path) {
                    Ok(source) => {
                        let s = rodio::Sink::connect_new(stream.mixer());
                        s.set_volume(volume);
                        s.set_speed(speed);
                        s.append(source);
                        sink = Some(s);
                    }
                    Err(e) => {
                        tracing::warn!(path = %path.display(), error = %e, "narration not played")
                    }
                }
            }
            Command::Stop => {
                if let Some(s) = sink.take() {
                    s.stop();
                }
            }
            Command::Volume(v) => {
                volume = v;
                if let Some(s) = &sink {
                    s.set_volume(v);
                }
            }
            Command::Speed(f) => {
                speed = f;
                if let Some(s) = &sink {
                    s.set_speed(f);
                }
            }
        }
    }
}

fn open(path: &Path) -> Result<rodio::Decoder<BufReader<File>>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    rodio::Decoder::new(BufReader::new(file)).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_cycles_through_the_three_reading_speeds() {
        let s = Speed::default();
        assert_eq!(s.factor(), 1.0);
        assert_eq!(s.next().factor(), 1.2);
        assert_eq!(s.next().next().factor(), 0.8);
        assert_eq!(s.next().next().next(), s);
    }

    #[test]
    fn without_a_device_every_control_still_works_and_plays_nothing() {
        let mut n = Narration::silent();
        assert!(!n.is_available());
        n.open_step(Some(Path::new("missing.ogg")));
        n.replay();
        n.stop();
        n.set_volume(n.volume().next());
        n.set_speed(Speed::Slow);
        assert_eq!(n.speed(), Speed::Slow);
        assert_eq!(n.volume(), Volume::High);
    }
}
