//! End-to-end tests of the bundled binary, `examples/gazetag`: each test
//! runs the built program on texts written here and checks its standard
//! output, standard error and exit status.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

#[path = "cli/hostile.rs"]
mod hostile;

/// A short news item naming the CIA, Mexico and the United States.
const CIA_MEXICO: &str = "\
Mexico will tighten the rules for foreign agents working on its soil, \
officials said on Tuesday, after reports that the CIA had expanded its \
presence in the country.

Mexican officials said the change was not aimed at the United States, \
but at every foreign service. The CIA declined to comment. Mexico has \
long limited what armed foreign agents may do.
";

/// A second item, about the United States only.
const US_ONLY: &str = "\
The United States said on Friday it would send more aid to its \
southern border. U.S. officials gave no figures.
";

/// The built example binary. It is built once per test run, through
/// cargo, with the profile of this test binary, so that a stale binary
/// is never tested (`cargo test --test cli` does not build examples).
fn binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        // target/<profile>/deps/cli-HASH -> target/<profile>
        let exe = std::env::current_exe().expect("the test binary has a path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("the test binary is in target/<profile>/deps");
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .args(["build", "--quiet", "--example", "gazetag"])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") | None => {}
            Some("release") => {
                cargo.arg("--release");
            }
            Some(profile) => {
                cargo.args(["--profile", profile]);
            }
        }
        let status = cargo.status().expect("cargo runs");
        assert!(status.success(), "cargo build --example gazetag failed");
        let binary = profile_dir
            .join("examples")
            .join(format!("gazetag{}", std::env::consts::EXE_SUFFIX));
        assert!(binary.is_file(), "no binary at {}", binary.display());
        binary
    })
}

/// The binary with these arguments, ready to run.
fn gazetag(args: &[&str]) -> Command {
    let mut cmd = Command::new(binary());
    cmd.args(args).stdin(Stdio::null());
    cmd
}

/// Runs the binary with `input` on standard input.
fn run_with_input(args: &[&str], input: &[u8]) -> Output {
    let mut child = gazetag(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_vec();
    // Write from another thread so that a large output cannot block the
    // child while we are still writing its input.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("the binary runs");
    writer.join().expect("the writer thread ends");
    output
}

fn run(args: &[&str]) -> Output {
    gazetag(args).output().expect("the binary runs")
}

/// A fresh directory for one test's files, under cargo's temporary
/// directory for integration tests.
fn temp_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("gazetag-cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the temporary directory is writable");
    dir
}

fn write(dir: &Path, name: &str, contents: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("the temporary file is writable");
    path.to_str()
        .expect("temporary paths are UTF-8")
        .to_string()
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> &str {
    std::str::from_utf8(&output.stderr).expect("stderr is UTF-8")
}

/// Every line of standard output, parsed as JSON.
fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The entity ids of a tagged record's tags.
fn tag_ids(record: &Value) -> Vec<&str> {
    record["tags"]
        .as_array()
        .expect("tags is an array")
        .iter()
        .map(|t| t["entity"].as_str().expect("entity is a string"))
        .collect()
}

/// Standard error is exactly one `gazetag: ...` line.
fn assert_one_line_error(output: &Output) -> &str {
    let err = stderr(output);
    assert_eq!(err.lines().count(), 1, "stderr: {err:?}");
    assert!(err.starts_with("gazetag: "), "stderr: {err:?}");
    assert!(!err.contains("panicked"), "stderr: {err:?}");
    err
}

#[test]
fn summary_names_the_entities() {
    let dir = temp_dir("summary");
    let file = write(&dir, "mexico.txt", CIA_MEXICO.as_bytes());
    let output = run(&[&file]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(format!("== {file} ==").as_str()));
    let tags: Vec<&str> = lines.collect();
    let find = |label: &str| {
        tags.iter()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("no {label} in:\n{text}"))
    };
    let mexico = find(" Mexico ");
    assert!(mexico.contains(" country "), "{mexico}");
    let cia = find(" CIA (United States) ");
    assert!(cia.contains(" agency "), "{cia}");
    // Every tag line starts with a score with three decimals, and the
    // label column is aligned.
    for line in &tags {
        let score = line.split_whitespace().next().expect("a score");
        assert!(score.parse::<f32>().is_ok() && score.len() == 5, "{line}");
    }
    let kind_column = |line: &str| line.find(" country ").or(line.find(" agency "));
    assert_eq!(kind_column(mexico), kind_column(cia), "\n{text}");
}

#[test]
fn explain_lists_the_names_dropped_with_why() {
    let dir = temp_dir("dropped");
    let text = "Talks in Georgia were delayed again on Monday.\n\
                Nieto told reporters the pipeline would be finished by May.\n";
    let file = write(&dir, "georgia.txt", text.as_bytes());
    let output = run(&["--explain", &file]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    let section = out
        .split("  dropped:\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no dropped names in:\n{out}"));
    let lines: Vec<&str> = section.lines().collect();
    assert_eq!(
        lines,
        [
            "  \"Georgia\" (undecided: country/ge, place/us-ga), line 1, bytes 9..16",
            "  \"Nieto\" (not-named: person/enrique-pena-nieto), line 2, bytes 47..52",
            // The month, which is also a surname: rightly dropped.
            "  \"May\" (not-named: person/theresa-may), line 2, bytes 102..105",
        ],
        "{out}"
    );
    // Only --explain lists them.
    let plain = run(&[&file]);
    assert!(!stdout(&plain).contains("  dropped:"), "{}", stdout(&plain));
}

#[test]
fn dash_reads_standard_input() {
    let output = run_with_input(&["-"], CIA_MEXICO.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("== <stdin> ==\n"), "{text}");
    assert!(text.contains("CIA (United States)"), "{text}");
}

#[test]
fn json_has_file_tags_and_mentions() {
    let dir = temp_dir("json");
    let first = write(&dir, "a.txt", CIA_MEXICO.as_bytes());
    let second = write(&dir, "b.txt", US_ONLY.as_bytes());
    let output = run(&["--json", &first, &second]);
    assert!(output.status.success(), "{}", stderr(&output));
    let records = json_lines(&output);
    assert_eq!(records.len(), 2);
    for (record, (file, text)) in records
        .iter()
        .zip([(&first, CIA_MEXICO), (&second, US_ONLY)])
    {
        assert_eq!(record["file"], file.as_str());
        for tag in record["tags"].as_array().expect("tags") {
            for field in ["entity", "kind", "label", "count", "score", "first"] {
                assert!(tag.get(field).is_some(), "no {field} in {tag}");
            }
        }
        for m in record["mentions"].as_array().expect("mentions") {
            let start = m["start"].as_u64().expect("start") as usize;
            let end = m["end"].as_u64().expect("end") as usize;
            assert_eq!(text.get(start..end), m["text"].as_str(), "{m}");
        }
    }
    let ids = tag_ids(&records[0]);
    assert!(
        ids.contains(&"agency/cia") && ids.contains(&"country/mx"),
        "{ids:?}"
    );
    assert!(tag_ids(&records[1]).contains(&"country/us"));
}

#[test]
fn min_score_drops_weaker_tags() {
    let dir = temp_dir("min-score");
    let file = write(&dir, "a.txt", CIA_MEXICO.as_bytes());
    let all = json_lines(&run(&["--json", &file]));
    let strong = json_lines(&run(&["--json", "--min-score=0.6", &file]));
    let scores = |r: &Value| -> Vec<f64> {
        r["tags"]
            .as_array()
            .expect("tags")
            .iter()
            .map(|t| t["score"].as_f64().expect("score"))
            .collect()
    };
    assert!(scores(&strong[0]).iter().all(|&s| s >= 0.6 - 1e-6));
    let expected: Vec<f64> = scores(&all[0])
        .into_iter()
        .filter(|&s| s >= 0.6 - 1e-6)
        .collect();
    assert_eq!(scores(&strong[0]), expected);
}

#[test]
fn jsonl_gives_one_line_per_input_line_in_order() {
    let mut input = Vec::new();
    input.extend(br#"{"id": 17, "text": "The CIA opened a new office in Mexico."}"#);
    input.extend(b"\n\n"); // an empty line
    input.extend(b"{\"id\": \"broken\", \"text\": \"no end\n"); // invalid JSON
    input.extend(b"{\"id\": \"bytes\", \"text\": \"bad \xff\xfe bytes\"}\n");
    input.extend(br#"{"id": "no-text", "body": "Mexico"}"#);
    input.extend(b"\n");
    input.extend(br#"["an", "array"]"#);
    input.extend(b"\n");
    input.extend(br#"{"id": "text-is-a-number", "text": 42}"#);
    input.extend(b"\n");
    input.extend(
        br#"{"text": "U.S. officials met in Mexico. The U.S. delegation said U.S. aid would grow.", "id": "ap-2013-0042"}"#,
    );
    input.extend(b"\r\n");
    input.extend(br#"{"id": {"feed": "wire", "n": 3}, "text": "Nothing to see."}"#);
    // No newline at the end of the last line.
    let output = run_with_input(&["--jsonl"], &input);
    assert!(output.status.success(), "{}", stderr(&output));
    // The bad lines are in the output; stderr only counts them.
    assert_eq!(
        stderr(&output),
        "gazetag: 6 of 9 lines could not be tagged; the first, line 2: empty line\n"
    );
    let lines = json_lines(&output);
    let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(
        ids,
        [
            &Value::from(17),
            &Value::Null,
            &Value::Null,
            &Value::from("bytes"),
            &Value::from("no-text"),
            &Value::Null,
            &Value::from("text-is-a-number"),
            &Value::from("ap-2013-0042"),
            &serde_json::json!({"feed": "wire", "n": 3}),
        ]
    );
    let good = [0, 7, 8];
    for (i, line) in lines.iter().enumerate() {
        if good.contains(&i) {
            assert!(line.get("error").is_none(), "{line}");
            assert!(
                line["tags"].is_array() && line["mentions"].is_array(),
                "{line}"
            );
        } else {
            let error = line["error"].as_str().unwrap_or_else(|| panic!("{line}"));
            assert!(!error.is_empty() && !error.contains('\n'), "{line}");
            assert_eq!(line["line"], i + 1, "{line}");
        }
    }
    assert!(tag_ids(&lines[0]).contains(&"agency/cia"));
    assert!(tag_ids(&lines[7]).contains(&"country/us"));
    assert!(
        lines[3]["error"]
            .as_str()
            .is_some_and(|e| e.contains("UTF-8"))
    );
    assert!(
        lines[4]["error"]
            .as_str()
            .is_some_and(|e| e.contains("\"text\""))
    );
}

#[test]
fn jsonl_field_flags_choose_text_title_and_id() {
    let input =
        br#"{"doc": 5, "headline": "CIA chief in Mexico", "story": "Officials met on Monday."}"#;
    let output = run_with_input(
        &[
            "--jsonl",
            "--text-field",
            "story",
            "--title-field=headline",
            "--id-field",
            "doc",
        ],
        input,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], 5);
    let cia = lines[0]["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .find(|t| t["entity"] == "agency/cia")
        .expect("the title names the CIA");
    assert_eq!(cia["in_title"], true);
}

/// 300 lines of varied length and content, some of them bad.
fn varied_lines() -> Vec<u8> {
    let sentences = [
        "The CIA station chief left Mexico City on Monday.",
        "Mexican and U.S. officials met to discuss the border.",
        "Washington said it would review the agreement.",
        "Nothing in this sentence names anyone at all.",
        "Mexico's government said the United States had not asked.",
        "Ex-CIA officers wrote to the newspaper, officials said.",
    ];
    let mut input = Vec::new();
    for i in 0..300usize {
        let line = match i % 37 {
            5 => "{not json".to_string(),
            11 => String::new(),
            17 => format!(r#"{{"id": {i}, "title": "no text here"}}"#),
            _ => {
                let n = 1 + (i * 7) % 40;
                let text: Vec<&str> = (0..n)
                    .map(|k| sentences[(i + k) % sentences.len()])
                    .collect();
                let id = if i % 2 == 0 {
                    Value::from(i)
                } else {
                    Value::from(format!("doc-{i}"))
                };
                serde_json::json!({"id": id, "text": text.join(" ")}).to_string()
            }
        };
        input.extend(line.as_bytes());
        input.push(b'\n');
    }
    input
}

#[test]
fn jsonl_output_does_not_depend_on_threads() {
    let input = varied_lines();
    let one = run_with_input(&["--jsonl", "--threads", "1"], &input);
    let four = run_with_input(&["--jsonl", "--threads=4"], &input);
    assert!(one.status.success() && four.status.success());
    assert_eq!(stdout(&one).lines().count(), 300);
    assert!(one.stdout == four.stdout, "--threads 1 and 4 differ");
    // Output order is input order.
    for (i, line) in json_lines(&one).iter().enumerate() {
        match i % 37 {
            5 | 11 => assert_eq!(line["line"], i + 1),
            17 => assert_eq!(line["id"], i),
            _ if i % 2 == 0 => assert_eq!(line["id"], i),
            _ => assert_eq!(line["id"], format!("doc-{i}")),
        }
    }
}

#[test]
fn jsonl_reads_files_in_turn() {
    let dir = temp_dir("jsonl-files");
    let a = write(&dir, "a.jsonl", br#"{"id": 1, "text": "Mexico"}"#); // no final newline
    let b = write(&dir, "b.jsonl", b"{\"id\": 2, \"text\": \"CIA\"}\n");
    let missing = dir.join("missing.jsonl");
    let missing = missing.to_str().expect("UTF-8 path");
    let output = run(&["--jsonl", &a, missing, &b]);
    assert_eq!(output.status.code(), Some(1));
    let err = assert_one_line_error(&output);
    assert!(err.contains(missing), "{err}");
    let ids: Vec<Value> = json_lines(&output)
        .iter()
        .map(|l| l["id"].clone())
        .collect();
    assert_eq!(ids, [1, 2]);
}

#[test]
fn missing_file_is_one_line_and_the_others_still_come_out() {
    let dir = temp_dir("missing");
    let good = write(&dir, "good.txt", CIA_MEXICO.as_bytes());
    let missing = dir.join("no-such-article.txt");
    let missing = missing.to_str().expect("UTF-8 path");
    let output = run(&[missing]);
    assert_eq!(output.status.code(), Some(1));
    let err = assert_one_line_error(&output);
    assert!(err.contains(missing), "{err}");
    assert_eq!(stdout(&output), "");

    let output = run(&["--json", missing, &good]);
    assert_eq!(output.status.code(), Some(1));
    assert_one_line_error(&output);
    let records = json_lines(&output);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["file"], good.as_str());
}

#[test]
fn invalid_utf8_file_is_reported_not_tagged() {
    let dir = temp_dir("utf8");
    let bad = write(&dir, "latin1.txt", b"Le Mexique et la CIA \xe9t\xe9 ici.\n");
    let output = run(&["--json", &bad]);
    assert_eq!(output.status.code(), Some(1));
    let err = assert_one_line_error(&output);
    assert!(err.contains(&bad) && err.contains("UTF-8"), "{err}");
    assert_eq!(stdout(&output), "");
}

#[test]
fn malformed_gazetteer_names_file_and_line() {
    let dir = temp_dir("gazetteer");
    let data = "[[entity]]\nid = \"org/acme\"\nkind = \"organization\"\nname = \"Acme\n";
    let bad = write(&dir, "bad.toml", data.as_bytes());
    let article = write(&dir, "a.txt", CIA_MEXICO.as_bytes());
    let output = run(&["--gazetteer", &bad, &article]);
    assert_eq!(output.status.code(), Some(1));
    let err = assert_one_line_error(&output);
    assert!(err.contains(&format!("{bad}:4")), "{err}");
    assert_eq!(stdout(&output), "");
}

#[test]
fn added_gazetteer_is_used() {
    let dir = temp_dir("added");
    let data = "[[entity]]\nid = \"org/acme\"\nkind = \"organization\"\nname = \"Acme Holdings\"\n";
    std::fs::create_dir_all(dir.join("data")).expect("mkdir");
    write(&dir.join("data"), "acme.toml", data.as_bytes());
    let folder = dir.join("data");
    let folder = folder.to_str().expect("UTF-8 path");
    let input = br#"{"id": 1, "text": "Acme Holdings said the CIA was a client."}"#;
    let with_default = run_with_input(&["--jsonl", "--gazetteer", folder], input);
    let ids = tag_ids(&json_lines(&with_default)[0]).join(" ");
    assert!(
        ids.contains("org/acme") && ids.contains("agency/cia"),
        "{ids}"
    );
    let alone = run_with_input(
        &["--jsonl", "--no-default-data", "--gazetteer", folder],
        input,
    );
    assert_eq!(tag_ids(&json_lines(&alone)[0]), ["org/acme"]);
}

#[test]
fn list_prints_every_entity_as_json() {
    let output = run(&["--list"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let entities = json_lines(&output);
    assert!(entities.len() >= 3);
    assert!(
        entities
            .iter()
            .all(|e| e["id"].is_string() && e["kind"].is_string())
    );
    let cia = entities
        .iter()
        .find(|e| e["id"] == "agency/cia")
        .expect("agency/cia is listed");
    assert_eq!(cia["kind"], "agency");
}

#[test]
fn closed_stdout_ends_quietly() {
    let dir = temp_dir("pipe");
    let line = r#"{"id": 1, "text": "The CIA and Mexican officials met in Washington."}"#;
    let input = format!("{line}\n").repeat(20_000);
    let file = write(&dir, "many.jsonl", input.as_bytes());
    let mut child = gazetag(&["--jsonl", "--threads", "2", &file])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut first = String::new();
    reader.read_line(&mut first).expect("one line comes out");
    assert!(first.starts_with(r#"{"id":1,"#), "{first}");
    drop(reader);
    let output = child.wait_with_output().expect("the binary ends");
    assert!(!output.status.success());
    assert_eq!(
        stderr(&output),
        "",
        "a closed pipe is not an error to report"
    );
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    for args in [
        &["--no-such-flag"][..],
        &["--jsonl", "--threads"],
        &["--jsonl", "--threads", "none"],
        &["--min-score", "high", "a.txt"],
        &["--json", "--jsonl"],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_one_line_error(&output);
        assert_eq!(stdout(&output), "", "{args:?}");
    }
}

#[test]
fn help_and_version() {
    let help = run(&["--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("--jsonl") && stdout(&help).contains("--gazetteer"));
    assert_eq!(stdout(&run(&["-h"])), stdout(&help));
    let version = run(&["--version"]);
    assert!(version.status.success());
    assert_eq!(
        stdout(&version),
        format!("gazetag {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn jsonl_enormous_lines_come_out_whole_and_in_place() {
    // A valid line of 4 MB between two small ones, then an invalid one
    // of 4 MB: four lines in, four lines out, in order.
    let filler = "Officials met again on Monday. ".repeat(130_000);
    let mut input = Vec::new();
    input.extend(br#"{"id": "before", "text": "The CIA."}"#);
    input.push(b'\n');
    input.extend(format!(r#"{{"id": "huge", "text": "Mexico. {filler} The DEA."}}"#).as_bytes());
    input.push(b'\n');
    input.extend(br#"{"id": "after", "text": "The FBI."}"#);
    input.push(b'\n');
    input.extend(format!(r#"{{"id": "broken", "text": "{filler}"#).as_bytes());
    input.push(b'\n');
    let output = run_with_input(&["--jsonl"], &input);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 4);
    let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(
        ids[..3],
        [
            &Value::from("before"),
            &Value::from("huge"),
            &Value::from("after")
        ]
    );
    // The scores of a 4 MB article fall below the default minimum;
    // its mentions are all there.
    assert!(lines[1].get("error").is_none());
    let mentioned: Vec<&str> = lines[1]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["entity"].as_str())
        .collect();
    assert_eq!(mentioned, ["country/mx", "agency/dea"]);
    assert!(lines[3]["error"].is_string() && lines[3]["line"] == 4);
}

/// Slices `text` from `start` to `end` counted in characters, as Python
/// does.
fn char_slice(text: &str, start: u64, end: u64) -> String {
    let (start, end) = (start as usize, end as usize);
    text.chars().skip(start).take(end - start).collect()
}

/// Slices `text` from `start` to `end` counted in UTF-16 code units, as
/// JavaScript does.
fn utf16_slice(text: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).expect("whole characters")
}

#[test]
fn offsets_flag_gives_spans_other_languages_can_slice() {
    let title = "🇲🇽 Calderón recibe a la DEA";
    let body = "El presidente Felipe Calderón habló con la DEA y la CIA en México.";
    let record = serde_json::json!({"id": 1, "title": title, "text": body});
    let input = format!("{record}\n");
    let mut spans = Vec::new();
    for unit in ["bytes", "chars", "utf16"] {
        let output = run_with_input(
            &["--jsonl", "--title-field", "title", "--offsets", unit],
            input.as_bytes(),
        );
        assert!(output.status.success(), "{}", stderr(&output));
        let lines = json_lines(&output);
        let mentions = lines[0]["mentions"].as_array().expect("mentions").clone();
        assert!(mentions.len() >= 4, "{mentions:?}");
        for m in &mentions {
            let field = if m["field"] == "title" { title } else { body };
            let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            let sliced = match unit {
                "bytes" => field.get(start as usize..end as usize).unwrap().to_string(),
                "chars" => char_slice(field, start, end),
                _ => utf16_slice(field, start, end),
            };
            assert_eq!(sliced, m["text"].as_str().unwrap(), "{unit}: {m}");
        }
        // The tags' first mentions are converted too.
        let dea = lines[0]["tags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["entity"] == "agency/dea")
            .expect("the DEA is tagged")
            .clone();
        spans.push((dea["first"]["start"].as_u64(), dea["first"]["end"].as_u64()));
    }
    // "🇲🇽 Calderón recibe a la " : 31 bytes, 24 chars, 26 UTF-16 units.
    assert_eq!(
        spans,
        [
            (Some(31), Some(34)),
            (Some(24), Some(27)),
            (Some(26), Some(29))
        ]
    );
    // --json and --explain take the unit too.
    let dir = temp_dir("offsets");
    let file = write(&dir, "calderon.txt", body.as_bytes());
    let json = run(&["--json", "--offsets=chars", &file]);
    let record = &json_lines(&json)[0];
    let cia = record["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["entity"] == "agency/cia")
        .expect("the CIA is mentioned");
    // Two accented letters before it: 54 bytes, 52 characters.
    assert_eq!(
        (cia["start"].as_u64(), cia["end"].as_u64()),
        (Some(52), Some(55))
    );
    let explain = run(&["--explain", "--offsets", "utf16", &file]);
    assert!(
        stdout(&explain).contains("\"CIA\" name (unique), line 1, utf16 52..55"),
        "{}",
        stdout(&explain)
    );
    let bad = run(&["--offsets", "runes", &file]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(assert_one_line_error(&bad).contains("expected bytes, chars or utf16"));
}

/// A user's data file with three mistakes a new user makes, out of line
/// order in the way the loader finds them (links are checked after kinds).
const MISTAKES: &str = r#"[[entity]]
id = "agency/pep-baja-california"
kind = "agency"
name = "Baja California State Preventive Police"
exact = ["PEP"]
country = "country/uk"

[[entity]]
id = "organization/acme"
kind = "organisation"
name = "Acme Holdings"

[[entity]]
id = "person/ana-ruiz"
kind = "person"
name = "Ana Ruiz"
country = "country/mexico"
"#;

#[test]
fn check_prints_every_problem_in_line_order_with_a_guess() {
    let dir = temp_dir("check");
    let data = write(&dir, "mine.toml", MISTAKES.as_bytes());
    let output = run(&["--check", "--gazetteer", &data]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "gazetag: {data}:6: country links to unknown id \"country/uk\"; \
                 did you mean \"country/gb\"?"
            ),
            format!(
                "gazetag: {data}:10: unknown kind \"organisation\" (expected one of: \
                 country, agency, person, organization, topic, place); \
                 did you mean \"organization\"?"
            ),
            format!(
                "gazetag: {data}:17: country links to unknown id \"country/mexico\"; \
                 did you mean \"country/mx\"?"
            ),
            "gazetag: 3 problems".to_string(),
        ]
    );
    // Tagging with the same data prints the same problems, all of them.
    let article = write(&dir, "a.txt", CIA_MEXICO.as_bytes());
    let tagging = run(&["--gazetteer", &data, &article]);
    assert_eq!(tagging.status.code(), Some(1));
    assert_eq!(stderr(&tagging), err);
}

#[test]
fn check_reports_rule_problems_and_says_what_loaded() {
    let dir = temp_dir("check-rules");
    let rules = "[[category]]\nname = \"Europe\"\nparent = \"Wolrd\"\n\n\
                 [[category.when]]\ncountries = [\"country/uk\"]\n\n\
                 [[category.when]]\nkind = \"agnecy\"\n\n\
                 [[category]]\nname = \"World\"\n\n[[category.when]]\nkind = \"country\"\n";
    let file = write(&dir, "rules.toml", rules.as_bytes());
    let output = run(&["--check", "--rules", &file]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let expected = [
        format!("{file}:3: unknown parent category \"Wolrd\"; did you mean \"World\"?"),
        format!("{file}:6: unknown entity id \"country/uk\"; did you mean \"country/gb\"?"),
        format!("{file}:9: unknown kind \"agnecy\""),
    ];
    // Each is there, in line order.
    let positions: Vec<Option<usize>> = expected.iter().map(|w| err.find(w.as_str())).collect();
    assert!(
        positions.iter().all(Option::is_some),
        "{expected:?} in {err}"
    );
    assert!(positions.is_sorted(), "{err}");
    assert!(err.contains("did you mean \"agency\"?"), "{err}");
    let fine = run(&["--check"]);
    assert!(fine.status.success(), "{}", stderr(&fine));
    let summary = stdout(&fine);
    assert!(
        summary.starts_with("ok: ")
            && summary.contains(" entities, ")
            && summary.contains(" categories"),
        "{summary}"
    );
}

#[test]
fn jsonl_says_on_stderr_when_lines_fail() {
    let input = b"{\"id\": 1, \"body\": \"The CIA said on Monday it had no comment.\"}\n\
                  {\"id\": 2, \"body\": \"Mexico said nothing.\", \"headline\": \"No comment\"}\n";
    let output = run_with_input(&["--jsonl"], input);
    assert!(output.status.success());
    assert_eq!(json_lines(&output).len(), 2);
    let err = assert_one_line_error(&output);
    assert_eq!(
        err,
        "gazetag: 2 of 2 lines could not be tagged; the first, line 1: no \"text\" field; \
         its fields: \"body\", \"id\"\n"
    );
    // The right field: nothing on stderr.
    let output = run_with_input(&["--jsonl", "--text-field", "body"], input);
    assert_eq!(stderr(&output), "");
    // A line that is not an object has no fields to list.
    let output = run_with_input(&["--jsonl"], b"{\"text\": \"The FBI.\"}\n[1, 2]\n");
    let err = assert_one_line_error(&output);
    assert!(
        err.contains("1 of 2 lines could not be tagged; the first, line 2: not a JSON object"),
        "{err}"
    );
    assert!(!err.contains("fields"), "{err}");
}

#[test]
fn jsonl_output_reads_back_into_the_library_types() {
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": 1, "title": "CIA in Mexico", "text": CIA_MEXICO}),
        serde_json::json!({"id": 2, "text": US_ONLY}),
    );
    let output = run_with_input(&["--jsonl", "--title-field", "title"], input.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let expected = [
        gazetag::Tagger::default().tag_document("CIA in Mexico", CIA_MEXICO),
        gazetag::Tagger::default().tag(US_ONLY),
    ];
    let lines: Vec<&str> = stdout(&output).lines().collect();
    assert_eq!(lines.len(), 2);
    for (line, want) in lines.iter().zip(&expected) {
        let read: gazetag::Tagged = serde_json::from_str(line).expect("a Tagged");
        assert_eq!(&read, want);
    }
}

/// The README's section on the command-line example.
fn readme_cli_section() -> String {
    let readme = include_str!("../README.md");
    let start = readme
        .find("## The command-line example")
        .expect("the README has a CLI section");
    let rest = readme.get(start..).unwrap_or_default();
    let end = rest
        .get(3..)
        .and_then(|r| r.find("\n## "))
        .map_or(rest.len(), |e| e + 3);
    rest.get(..end).unwrap_or_default().to_string()
}

/// The `--flags` at the start of `lines` (after `prefix`), sorted.
fn leading_flags<'a>(lines: impl Iterator<Item = &'a str>, prefix: &str) -> Vec<String> {
    let mut flags: Vec<String> = Vec::new();
    for line in lines {
        let Some(rest) = line.strip_prefix(prefix) else {
            continue;
        };
        let rest = rest.trim_start_matches(['`', ' ']);
        let rest = rest
            .strip_prefix("-h`, `")
            .or(rest.strip_prefix("-h, "))
            .unwrap_or(rest);
        if !rest.starts_with("--") {
            continue;
        }
        let flag: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '-')
            .collect();
        flags.push(flag);
    }
    flags.sort();
    flags.dedup();
    flags
}

#[test]
fn readme_lists_every_option_of_help_and_no_other() {
    let help = run(&["--help"]);
    let help = stdout(&help);
    let options = help
        .split("OPTIONS:")
        .nth(1)
        .and_then(|s| s.split("\n\n").next())
        .expect("--help has an OPTIONS section");
    let in_help = leading_flags(options.lines(), "    ");
    assert!(in_help.len() >= 15, "{in_help:?}");
    let section = readme_cli_section();
    let in_readme = leading_flags(section.lines(), "| ");
    assert_eq!(in_readme, in_help, "README options table vs --help");
}

/// The field names a README list gives for one kind of JSON object: the
/// words in backticks after the colon, leaving out the values given in
/// parentheses.
fn readme_fields(section: &str, item: &str) -> Vec<String> {
    let start = section
        .find(&format!("- {item}"))
        .unwrap_or_else(|| panic!("the README lists the fields of {item}"));
    let rest = section.get(start + 2..).unwrap_or_default();
    let end = rest
        .find("\n- ")
        .or(rest.find("\n\n"))
        .unwrap_or(rest.len());
    let entry = rest.get(..end).unwrap_or_default();
    let list = entry.split_once(':').map_or(entry, |(_, l)| l);
    // Drop "(...)" groups: they hold values, not fields.
    let mut text = String::new();
    let mut depth = 0;
    for c in list.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => text.push(c),
            _ => {}
        }
    }
    let mut fields: Vec<String> = text
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    fields.sort();
    fields.dedup();
    fields
}

/// The keys of the JSON objects, sorted.
fn keys<'a>(objects: impl Iterator<Item = &'a Value>) -> Vec<String> {
    let mut keys: Vec<String> = objects
        .flat_map(|o| o.as_object().expect("an object").keys().cloned())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

#[test]
fn readme_lists_every_json_field_of_the_output() {
    // Rules that give every kind of evidence: a tag, a text span, and a
    // subcategory filing a document under its parent.
    let rules = r#"
[[category]]
name = "Espionage"
code = "spy:1"
parent = "World news"

[[category.when]]
entity = "agency/cia"

[[category.when]]
phrases = ["spy", "spies"]

[[category]]
name = "World news"

[[category.when]]
phrases = ["world news"]
"#;
    let rules = gazetag::RuleSet::builder()
        .add_str("spies.toml", rules)
        .build()
        .expect("valid rules");
    // Every tag, the weakest too: a derived one among them.
    let tagger = gazetag::Tagger::default()
        .with_rules(rules)
        .with_min_score(0.0);
    let doc = tagger.tag_article(&gazetag::Article {
        title: "CIA spy chief in Mexico",
        dateline: "MEXICO CITY, May 2",
        body: "The CIA sent a spy to Mexico City, Mexican officials said.",
    });
    let json = serde_json::to_value(&doc).expect("JSON");
    let section = readme_cli_section();
    let tags = json["tags"].as_array().expect("tags");
    // A country derived from the CIA has both optional fields.
    assert!(
        tags.iter()
            .any(|t| t.get("derived_from").is_some() && t.get("iso").is_some())
    );
    let categories = json["categories"].as_array().expect("categories");
    let fired: Vec<&Value> = categories
        .iter()
        .flat_map(|c| c["fired"].as_array().expect("fired"))
        .collect();
    let hits: Vec<&Value> = fired
        .iter()
        .flat_map(|e| e["hits"].as_array().expect("hits"))
        .collect();
    let types = keys(hits.iter().copied());
    assert!(types.contains(&"entity".to_string()) && types.contains(&"name".to_string()));
    let cases: [(&str, Vec<String>); 5] = [
        ("a tag", keys(tags.iter())),
        (
            "a mention",
            keys(json["mentions"].as_array().expect("mentions").iter()),
        ),
        ("a category", keys(categories.iter())),
        ("each of a category's", keys(fired.iter().copied())),
        ("each hit", types),
    ];
    for (item, serialised) in cases {
        assert_eq!(
            readme_fields(&section, item),
            serialised,
            "README fields of {item}"
        );
    }
}

#[test]
fn readmes_point_only_inside_the_repository() {
    for (name, text) in [
        ("README.md", include_str!("../README.md")),
        ("data/README.md", include_str!("../data/README.md")),
    ] {
        for (n, line) in text.lines().enumerate() {
            assert!(
                !line.contains("../") && !line.contains("/work/"),
                "{name}:{}: a path outside the repository: {line}",
                n + 1
            );
        }
    }
}

#[test]
fn first_line_numbers_a_part_of_a_larger_input() {
    let input = b"{\"id\": \"a\", \"text\": \"The CIA said.\"}\n\n{\"id\": \"c\"}\n";
    let output = run_with_input(&["--jsonl", "--first-line", "5001"], input);
    let lines = json_lines(&output);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(
        (lines[1]["line"].as_u64(), lines[2]["line"].as_u64()),
        (Some(5002), Some(5003))
    );
    assert!(
        stderr(&output).contains("the first, line 5002: empty line"),
        "{}",
        stderr(&output)
    );
    for bad in ["0", "-3", "x"] {
        let output = run_with_input(&["--jsonl", "--first-line", bad], input);
        assert_eq!(output.status.code(), Some(2));
        assert!(assert_one_line_error(&output).contains("'--first-line' needs a whole number"));
    }
    let output = run(&["--first-line", "3", "-"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(assert_one_line_error(&output).contains("only applies with --jsonl"));
}

/// The README's GNU parallel recipe gives what one process gives, byte
/// for byte. GNU parallel is a system package (`.ci/run` installs it);
/// where it is missing the test says so and checks nothing.
#[test]
fn gnu_parallel_recipe_gives_the_output_of_one_process() {
    let found = Command::new("parallel").arg("--version").output();
    if !found.is_ok_and(|o| o.status.success()) {
        eprintln!("GNU parallel is not installed: recipe not checked");
        return;
    }
    let sentences = [
        "The CIA station chief left Mexico City on Monday.",
        "Mexican and U.S. officials met to discuss the border; the DEA said nothing.",
        "Le président Felipe Calderón a reçu la DEA à Los Pinos.",
        "Japan's central bank held rates; the Bank of Japan said exports rose.",
    ];
    let mut input = String::new();
    for i in 0..400 {
        let text = sentences[i % sentences.len()].repeat(1 + i % 5);
        let record = serde_json::json!({"id": i, "title": "News", "text": text});
        input.push_str(&format!("{record}\n"));
    }
    let args = ["--jsonl", "--title-field", "title", "--offsets", "chars"];
    let one = run_with_input(&args, input.as_bytes());
    assert!(one.status.success());
    // The recipe: blocks of lines to as many processes as there are
    // cores, their output put back in input order.
    let binary = binary().to_str().expect("UTF-8 path");
    let mut recipe = vec![
        "--will-cite",
        "--pipe",
        "--keep-order",
        "--block",
        "8k",
        binary,
    ];
    recipe.extend(args);
    recipe.extend(["--threads", "1"]);
    let mut child = Command::new("parallel")
        .args(&recipe)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("parallel starts");
    let mut stdin = child.stdin.take().expect("piped");
    let feed = input.clone();
    let writer = std::thread::spawn(move || stdin.write_all(feed.as_bytes()));
    let split = child.wait_with_output().expect("parallel runs");
    writer.join().expect("writer").expect("input written");
    assert!(split.status.success(), "{}", stderr(&split));
    assert_eq!(stdout(&split).lines().count(), 400);
    assert!(
        split.stdout == one.stdout,
        "parallel and one process differ"
    );
}

/// A user's entity whose acronym the default data gives the CIA.
const CHEFS: &str = r#"[[entity]]
id = "organization/culinary-institute"
kind = "organization"
name = "Culinary Institute of America"
exact = ["CIA"]
"#;

#[test]
fn an_alias_the_default_data_uses_is_a_warning_and_remove_settles_it() {
    let dir = temp_dir("shared-alias");
    let article = write(
        &dir,
        "a.txt",
        b"The CIA said its chefs would cook for the summit.\n",
    );
    let data = write(&dir, "chefs.toml", CHEFS.as_bytes());
    let output = run(&["--gazetteer", &data, &article]);
    assert!(output.status.success());
    let err = assert_one_line_error(&output);
    assert!(
        err.starts_with(&format!(
            "gazetag: {data}:5: warning: alias \"CIA\" of \"organization/culinary-institute\" \
             is also an alias of \"agency/cia\" in the default data"
        )),
        "{err}"
    );
    assert!(err.contains("[[remove]]"), "{err}");
    assert!(stdout(&output).contains("(no tags)"), "{}", stdout(&output));
    // --check says it too, and still passes.
    let check = run(&["--check", "--gazetteer", &data]);
    assert!(check.status.success());
    assert_eq!(stderr(&check), err);

    // Take the alias from the agency: the chefs get it, the agency keeps
    // its other names.
    let alias = format!("{CHEFS}\n[[remove]]\nentity = \"agency/cia\"\nalias = \"CIA\"\n");
    let data = write(&dir, "alias.toml", alias.as_bytes());
    let output = run_with_input(
        &["--jsonl", "--gazetteer", &data],
        b"{\"text\": \"The CIA said its chefs would cook.\"}\n\
          {\"text\": \"The Central Intelligence Agency said nothing.\"}\n",
    );
    assert_eq!(stderr(&output), "");
    let lines = json_lines(&output);
    assert_eq!(tag_ids(&lines[0]), ["organization/culinary-institute"]);
    assert!(tag_ids(&lines[1]).contains(&"agency/cia"));

    // Or take the agency out altogether.
    let entity = format!("{CHEFS}\n[[remove]]\nentity = \"agency/cia\"\n");
    let data = write(&dir, "entity.toml", entity.as_bytes());
    let output = run_with_input(
        &["--jsonl", "--gazetteer", &data],
        b"{\"text\": \"The Central Intelligence Agency said nothing.\"}\n",
    );
    assert_eq!(stderr(&output), "");
    assert!(!tag_ids(&json_lines(&output)[0]).contains(&"agency/cia"));
}

#[test]
fn a_remove_that_names_nothing_is_a_problem() {
    let dir = temp_dir("bad-remove");
    let data = "[[remove]]\nentity = \"agency/ciaa\"\n\n\
                [[remove]]\nentity = \"agency/fbi\"\nalias = \"Bureau of Chefs\"\n\n\
                [[remove]]\nentity = \"agency/fbi\"\nalias = \"Federal Bureau of Investigation\"\n";
    let file = write(&dir, "remove.toml", data.as_bytes());
    let output = run(&["--check", "--gazetteer", &file]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<String> = stderr(&output).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[0].starts_with(&format!(
        "gazetag: {file}:2: remove names unknown id \"agency/ciaa\""
    )));
    assert_eq!(
        lines[1],
        format!("gazetag: {file}:6: \"agency/fbi\" has no alias \"Bureau of Chefs\"")
    );
    assert!(
        lines[2].starts_with(&format!(
            "gazetag: {file}:10: \"Federal Bureau of Investigation\" is the name of \"agency/fbi\""
        )),
        "{}",
        lines[2]
    );
}

#[test]
fn features_give_every_candidate_with_its_features() {
    let input = br#"{"id": "a", "text": "Officials in Laos said Thailand and the IMF had met."}"#;
    let out = run_with_input(&["--jsonl", "--features"], input);
    assert!(out.status.success(), "{}", stderr(&out));
    let records = json_lines(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "a");
    let cands = records[0]["candidates"].as_array().expect("candidates");
    let ids: Vec<&str> = cands.iter().filter_map(|c| c["entity"].as_str()).collect();
    for id in ["country/la", "country/th", "org/imf"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    for c in cands {
        let features = c["features"].as_object().expect("features");
        assert!(features.contains_key("name") && features.contains_key("length"));
        assert!(c["score"].as_f64().is_some() && c["kind"].is_string());
    }
    assert!(records[0].get("tags").is_none());
}

#[test]
fn explain_scores_adds_explanations_and_the_tags_below_the_minimum() {
    let input = br#"{"id": 1, "text": "Officials in Laos said Thailand and the IMF had met."}"#;
    let out = run_with_input(
        &["--jsonl", "--explain-scores", "--min-score", "0.99"],
        input,
    );
    let record = &json_lines(&out)[0];
    let below = record["below_min_score"]
        .as_array()
        .expect("below_min_score");
    assert!(!below.is_empty());
    for t in below {
        assert!(t["score"].as_f64().expect("score") < 0.99);
        assert!(t["explanation"]["features"].is_array(), "{t}");
    }
    // Without the option, neither appears.
    let plain = &json_lines(&run_with_input(&["--jsonl"], input))[0];
    assert!(plain.get("below_min_score").is_none());
    assert!(plain["tags"][0].get("explanation").is_none());
}

#[test]
fn explain_lists_scores_and_the_names_below_the_minimum() {
    let out = run_with_input(
        &["--explain", "--min-score", "0.99", "-"],
        b"Officials in Laos said Thailand and the IMF had met.",
    );
    let text = stdout(&out);
    assert!(text.contains("below the minimum score:"), "{text}");
    assert!(text.contains("score: country model, intercept"), "{text}");
}

#[test]
fn salience_file_is_used_and_its_problems_have_file_and_line() {
    let dir = temp_dir("salience");
    let flat = write(&dir, "flat.toml", b"[default]\nintercept = 2.0\n");
    let out = run_with_input(
        &["--json", "--salience", &flat, "-"],
        b"Officials in Laos met.",
    );
    let record = &json_lines(&out)[0];
    assert_eq!(record["tags"][0]["score"].as_f64(), Some(0.881));
    let bad = write(&dir, "bad.toml", b"[default]\nheadline = 1.0\n");
    let out = run_with_input(&["--salience", &bad, "-"], b"Laos.");
    assert_eq!(out.status.code(), Some(1));
    let message = assert_one_line_error(&out);
    assert!(
        message.contains("bad.toml:2: unknown feature \"headline\""),
        "{message}"
    );
    let out = run(&["--features", "x.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn ignore_case_finds_names_in_lower_cased_text() {
    let input = b"{\"id\": 1, \"text\": \"the cia and the fbi met in washington on monday.\"}\n";
    let plain = run_with_input(&["--jsonl"], input);
    assert!(tag_ids(&json_lines(&plain)[0]).is_empty());
    let any = run_with_input(&["--jsonl", "--ignore-case"], input);
    let ids = tag_ids(&json_lines(&any)[0]).join(" ");
    assert!(
        ids.contains("agency/cia") && ids.contains("agency/fbi"),
        "{ids}"
    );
    let dir = temp_dir("ignore-case");
    let file = write(
        &dir,
        "lower.txt",
        b"officials of the dea arrived in mexico.\n",
    );
    let summary = run(&["--ignore-case", &file]);
    assert!(
        stdout(&summary).contains("DEA (United States)"),
        "{}",
        stdout(&summary)
    );
}
