//! The binary under hostile use: flags out of range, ids that a float
//! would change, byte order marks, closed or stalled pipes, signals.

use super::*;

#[test]
fn threads_out_of_range_is_one_line_not_a_panic() {
    for n in [
        "0",
        "1025",
        "100000",
        "10000000000",
        "18446744073709551615",
        "99999999999999999999999",
    ] {
        let output = run_with_input(&["--jsonl", "--threads", n], b"{\"text\": \"The CIA.\"}\n");
        assert_eq!(output.status.code(), Some(2), "--threads {n}");
        let err = assert_one_line_error(&output);
        assert!(err.contains("from 1 to 1024"), "{err}");
        assert_eq!(stdout(&output), "");
    }
    let output = run_with_input(
        &["--jsonl", "--threads", "1024"],
        b"{\"text\": \"The CIA.\"}\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(json_lines(&output).len(), 1);
}

/// The text of each output line's `"id"`, as written (the line must start
/// with it).
fn id_texts(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .map(|line| {
            let rest = line.strip_prefix(r#"{"id":"#).expect("the id comes first");
            let value: &serde_json::value::RawValue = serde_json::Deserializer::from_str(rest)
                .into_iter::<&serde_json::value::RawValue>()
                .next()
                .expect("a value follows")
                .unwrap_or_else(|e| panic!("{e}: {rest}"));
            value.get().to_string()
        })
        .collect()
}

#[test]
fn ids_come_out_as_the_json_text_they_went_in_as() {
    // A float would change all of these but the string: the id is a join
    // key, and a changed key is a lost record.
    let ids = [
        "12345678901234567890123",
        "18446744073709551616",
        "1e2",
        "1E400",
        "-0.0",
        "3.14159265358979323846264338327950288",
        r#""Reuters-\u00e9t\u00e9-1987""#,
        r#"[17, {"wire": "AP"}]"#,
    ];
    let mut input = String::new();
    for id in ids {
        input.push_str(&format!("{{\"id\": {id}, \"text\": \"The CIA said.\"}}\n"));
    }
    // An error line keeps its id too.
    input.push_str("{\"id\": 1E400, \"text\": 5}\n");
    let output = run_with_input(&["--jsonl"], input.as_bytes());
    let mut expected: Vec<&str> = ids.to_vec();
    expected.push("1E400");
    assert_eq!(id_texts(&output), expected);
    let lines: Vec<&str> = stdout(&output).lines().collect();
    let first: Value = serde_json::from_str(lines[0]).unwrap();
    assert!(tag_ids(&first).contains(&"agency/cia"));
    assert!(lines[8].ends_with(r#","line":9,"error":"field \"text\" is a number, not a string"}"#));
}

#[test]
fn a_byte_order_mark_starts_an_input_not_a_record() {
    let bom = "\u{feff}";
    let record = |id: u32| format!("{{\"id\": {id}, \"text\": \"The CIA said.\"}}\n");
    // Windows tools write one at the start of each file.
    let dir = temp_dir("bom");
    let a = write(
        &dir,
        "a.jsonl",
        format!("{bom}{}{}", record(1), record(2)).as_bytes(),
    );
    let b = write(&dir, "b.jsonl", format!("{bom}{}", record(3)).as_bytes());
    let output = run(&["--jsonl", &a, &b]);
    assert!(output.status.success(), "{}", stderr(&output));
    let ids: Vec<u64> = json_lines(&output)
        .iter()
        .map(|l| l["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2, 3]);

    // Anywhere else, the error line says what is wrong.
    let input = format!("{bom}{}{bom}{}", record(1), record(2));
    let output = run_with_input(&["--jsonl"], input.as_bytes());
    let lines = json_lines(&output);
    assert!(tag_ids(&lines[0]).contains(&"agency/cia"));
    let error = lines[1]["error"].as_str().unwrap();
    assert!(error.contains("byte order mark (U+FEFF)"), "{error}");
}

#[cfg(unix)]
#[test]
fn closed_stdout_is_an_error() {
    // `>&-`: Rust's runtime reopens the closed output on /dev/null, where
    // every write "succeeds"; the run would end with status 0 having
    // written nothing.
    let output = Command::new("sh")
        .args(["-c", r#"exec "$0" --jsonl >&-"#])
        .arg(binary())
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            let mut stdin = child.stdin.take().expect("stdin is piped");
            let _ = stdin.write_all(b"{\"text\": \"The CIA.\"}\n");
            drop(stdin);
            child.wait_with_output()
        })
        .expect("sh runs");
    assert_eq!(output.status.code(), Some(1));
    let err = assert_one_line_error(&output);
    assert!(err.contains("standard output is closed"), "{err}");

    // A write-only /dev/null, as a shell's `>/dev/null` opens it, is fine.
    let output = Command::new("sh")
        .args([
            "-c",
            r#"echo '{"text": "The CIA."}' | "$0" --jsonl >/dev/null"#,
        ])
        .arg(binary())
        .output()
        .expect("sh runs");
    assert!(output.status.success(), "{}", stderr(&output));
}

/// A line of standard output, or `None` if none came within a minute
/// (far longer than tagging one line takes: only a program that holds
/// its output back waits that long).
fn next_line(lines: &std::sync::mpsc::Receiver<String>) -> Option<String> {
    lines.recv_timeout(std::time::Duration::from_secs(60)).ok()
}

/// Starts the binary with piped input and output; its output lines come
/// through the returned channel as they are written.
fn spawn_lines(args: &[&str]) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    let mut child = gazetag(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
            if tx.send(std::mem::take(&mut line)).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

#[test]
fn jsonl_writes_what_it_has_when_the_input_pauses() {
    // A slow producer: each record comes out before the next goes in,
    // rather than after 1,024 more lines or the end of the input.
    let (mut child, lines) = spawn_lines(&["--jsonl", "--threads", "2"]);
    let mut stdin = child.stdin.take().expect("stdin is piped");
    for id in 1..=3 {
        let record = format!("{{\"id\": {id}, \"text\": \"The CIA said.\"}}\n");
        stdin.write_all(record.as_bytes()).unwrap();
        stdin.flush().unwrap();
        let line = next_line(&lines).expect("the record comes out while the input stays open");
        assert!(line.starts_with(&format!("{{\"id\":{id},")), "{line}");
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[cfg(unix)]
#[test]
fn sigterm_leaves_whole_lines() {
    // A record of about 4 kB of output, so that a batch's output is many
    // pipe buffers long and a kill lands in the middle of one.
    let text = "The CIA and Mexico's security agencies met in Washington. ".repeat(40);
    let record = format!("{{\"id\": 7, \"text\": \"{text}\"}}\n");
    for _ in 0..3 {
        let (mut child, lines) = spawn_lines(&["--jsonl", "--threads", "2"]);
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let record = record.clone();
        let feeder =
            std::thread::spawn(move || while stdin.write_all(record.as_bytes()).is_ok() {});
        next_line(&lines).expect("output comes");
        let kill = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(kill.success());
        let status = child.wait().unwrap();
        feeder.join().unwrap();
        assert_eq!(status.code(), Some(143), "128 + SIGTERM");
        let rest: Vec<String> = lines.iter().collect();
        for line in rest {
            let tail: String = line.chars().rev().take(40).collect();
            assert!(
                line.ends_with('\n'),
                "a cut line ending {tail:?} (reversed)"
            );
            let v: Value = serde_json::from_str(&line).expect("each line is whole JSON");
            assert_eq!(v["id"], 7);
        }
    }
}
