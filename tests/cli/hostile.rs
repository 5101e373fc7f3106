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
