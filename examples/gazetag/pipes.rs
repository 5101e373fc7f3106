//! Standard input and output as a pipeline stage meets them: a closed
//! output, a producer that sends a few lines and waits, a signal in the
//! middle of a line.
//!
//! - [`check_stdout`]: a closed standard output (`>&-`) is an error, not
//!   a run that silently writes nothing (Rust's `Stdout` ignores `EBADF`).
//! - [`LineOut`]: `--jsonl` output is written in whole lines, straight to
//!   the file descriptor, so a reader never sees half a record.
//! - [`Feed`]: standard input (or a FIFO) read on a thread of its own, so
//!   that the pipeline can tell when the producer has nothing more for now
//!   and write what it has tagged instead of waiting for a full batch.
//! - [`watch_signals`] and [`stopping`]: on SIGTERM or SIGINT the pipeline
//!   stops reading, writes the lines it has, and exits with 128 + the
//!   signal's number; a second signal ends it at once.

use std::io::{self, BufRead, Read, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::Duration;

use crate::Failure;

/// Fails when standard output is closed.
///
/// On Unix a file descriptor 1 that cannot be duplicated is not open. But
/// Rust's runtime reopens a closed standard descriptor on `/dev/null`,
/// read-write, before `main`, so on Linux that is taken as closed too: a
/// shell's `>/dev/null` opens it write-only and passes. (A parent that
/// opens `/dev/null` read-write for the output, as Python's
/// `subprocess.DEVNULL` does, looks the same: use a write-only one.)
pub(crate) fn check_stdout() -> Result<(), Failure> {
    let closed = |why: &str| {
        Failure::other(format!(
            "standard output is closed ({why}): redirect it to a file, or to '>/dev/null' to discard it"
        ))
    };
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Err(err) = io::stdout().as_fd().try_clone_to_owned() {
            return Err(closed(&err.to_string()));
        }
    }
    if reopened_on_dev_null() {
        return Err(closed(
            "it was reopened on /dev/null for reading and writing",
        ));
    }
    Ok(())
}

/// Whether file descriptor 1 is `/dev/null` opened read-write, as Rust's
/// runtime leaves a closed one (Linux, from `/proc`; false elsewhere).
fn reopened_on_dev_null() -> bool {
    let Ok(target) = std::fs::read_link("/proc/self/fd/1") else {
        return false;
    };
    if target.as_os_str() != "/dev/null" {
        return false;
    }
    let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else {
        return false;
    };
    let flags = info
        .lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok());
    // O_ACCMODE is 3 and O_RDWR 2 on every Linux architecture.
    flags.is_some_and(|f| f & 3 == 2)
}

/// Standard output for whole-line writers: each `write_all` of complete
/// lines goes straight to the file descriptor, with no buffer that could
/// cut a line where it fills up.
pub(crate) struct LineOut {
    #[cfg(unix)]
    inner: std::fs::File,
    #[cfg(not(unix))]
    inner: io::Stdout,
}

impl LineOut {
    /// Standard output, duplicated (on Unix) so that writes bypass the
    /// line buffer of Rust's `Stdout`.
    pub(crate) fn stdout() -> io::Result<LineOut> {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            let fd = io::stdout().as_fd().try_clone_to_owned()?;
            Ok(LineOut { inner: fd.into() })
        }
        #[cfg(not(unix))]
        {
            Ok(LineOut {
                inner: io::stdout(),
            })
        }
    }
}

impl Write for LineOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Whether a stop signal came, and which (0: none yet).
struct Stop {
    came: Arc<AtomicBool>,
    signal: Arc<AtomicUsize>,
}

fn stop() -> &'static Stop {
    static STOP: OnceLock<Stop> = OnceLock::new();
    STOP.get_or_init(|| Stop {
        came: Arc::new(AtomicBool::new(false)),
        signal: Arc::new(AtomicUsize::new(0)),
    })
}

/// Makes SIGTERM and SIGINT ask the pipeline to stop at a line boundary
/// instead of killing it mid-line; a second one kills it at once, with
/// status 128 + the signal's number.
pub(crate) fn watch_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::flag;
    for signal in [SIGTERM, SIGINT] {
        let Ok(number) = usize::try_from(signal) else {
            continue;
        };
        // The shutdown is registered first, so that it sees the flag as
        // the previous signal left it. A failure leaves the signal's
        // default action, which is what the program had before.
        let _ = flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&stop().came));
        let _ = flag::register_usize(signal, Arc::clone(&stop().signal), number);
        let _ = flag::register(signal, Arc::clone(&stop().came));
    }
}

/// The number of the signal that asked the program to stop, if one did.
pub(crate) fn stopping() -> Option<u8> {
    match stop().signal.load(Ordering::Relaxed) {
        0 => None,
        n => u8::try_from(n).ok(),
    }
}

/// A source of input lines that can say whether reading on would wait.
pub(crate) trait Source: BufRead {
    /// Whether reading more would wait for a producer; a file never does.
    fn stalled(&mut self) -> bool {
        false
    }
}

impl<R: Read> Source for io::BufReader<R> {}

/// A byte stream read on its own thread, in the chunks the source gives
/// (a pipe gives what the producer has written so far).
pub(crate) struct Feed {
    chunks: Receiver<io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
    pos: usize,
    /// A read error that [`Source::stalled`] received, for the next read.
    error: Option<io::Error>,
}

impl Feed {
    /// At most this many chunks wait to be read: memory stays flat when
    /// the producer is faster than the tagger.
    const QUEUE: usize = 4;
    const CHUNK: usize = 256 * 1024;
    /// How often a wait for input checks for a stop signal.
    const POLL: Duration = Duration::from_millis(50);

    /// Starts reading `source` on a new thread.
    pub(crate) fn spawn(mut source: impl Read + Send + 'static) -> Feed {
        let (tx, rx) = mpsc::sync_channel(Self::QUEUE);
        let reader = move || {
            loop {
                let mut chunk = vec![0; Self::CHUNK];
                let sent = match source.read(&mut chunk) {
                    Ok(0) => return,
                    Ok(n) => {
                        chunk.truncate(n);
                        tx.send(Ok(chunk))
                    }
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                    Err(err) => {
                        let _ = tx.send(Err(err));
                        return;
                    }
                };
                if sent.is_err() {
                    return;
                }
            }
        };
        if let Err(err) = thread::Builder::new().name("input".into()).spawn(reader) {
            let (tx, rx) = mpsc::sync_channel(1);
            let _ = tx.send(Err(err));
            return Feed::new(rx);
        }
        Feed::new(rx)
    }

    fn new(chunks: Receiver<io::Result<Vec<u8>>>) -> Feed {
        Feed {
            chunks,
            chunk: Vec::new(),
            pos: 0,
            error: None,
        }
    }
}

impl Source for Feed {
    /// Whether reading more would wait for the producer: nothing is left
    /// of the current chunk and no other has arrived.
    fn stalled(&mut self) -> bool {
        if self.pos < self.chunk.len() || self.error.is_some() {
            return false;
        }
        match self.chunks.try_recv() {
            Ok(Ok(chunk)) => {
                self.chunk = chunk;
                self.pos = 0;
                false
            }
            // An error or the end is news to read, not a wait.
            Ok(Err(err)) => {
                self.error = Some(err);
                false
            }
            Err(TryRecvError::Disconnected) => false,
            Err(TryRecvError::Empty) => true,
        }
    }
}

impl Read for Feed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf.get_mut(..n)
            .unwrap_or_default()
            .copy_from_slice(available.get(..n).unwrap_or_default());
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Feed {
    /// The rest of the current chunk, waiting for the next one if it is
    /// used up; empty at the end of the input, or once a stop signal
    /// came (the lines read so far are still tagged and written).
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if let Some(err) = self.error.take() {
            return Err(err);
        }
        while self.pos >= self.chunk.len() {
            if stopping().is_some() {
                return Ok(&[]);
            }
            match self.chunks.recv_timeout(Self::POLL) {
                Ok(chunk) => {
                    self.chunk = chunk?;
                    self.pos = 0;
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Ok(&[]),
            }
        }
        Ok(self.chunk.get(self.pos..).unwrap_or_default())
    }

    fn consume(&mut self, amount: usize) {
        self.pos = (self.pos + amount).min(self.chunk.len());
    }
}
