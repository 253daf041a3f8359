//! Fuzzing the PHP lexer and the editors: arbitrary bytes and generated PHP
//! (routes files, controllers, services, with comments, strings, heredocs,
//! nesting and damage). Never a panic; an edit is either refused or whole:
//! the result lexes, and a second edit of it has nothing left to do.
//! `cargo test` runs a bounded slice; `scripts/faults.sh` runs it long
//! (PROPTEST_CASES).

use proptest::prelude::*;

use crate::core::php::Source;
use crate::core::rollback::{apply, Feature};

/// Every editor on `text`: never a panic, and an accepted edit is whole.
fn check_all(text: &str) -> Result<(), TestCaseError> {
    let parsed = Source::parse(text).is_ok();
    let limiter = super::ratelimit::tests::limiter();
    for feature in Feature::ALL {
        let Ok(edits) = feature.edit(text, &limiter) else { continue };
        if edits.is_empty() {
            continue;
        }
        prop_assert!(parsed, "{feature}: edits on text that does not parse");
        let out = apply(text, &edits);
        prop_assert!(Source::parse(&out).is_ok(), "{feature}: the edit broke the file:\n{out}");
        match feature.edit(&out, &limiter) {
            Ok(again) => prop_assert!(again.is_empty(), "{feature}: a second rollback still edits:\n{out}"),
            Err(r) => prop_assert!(false, "{feature}: the edited file is refused ({r}):\n{out}"),
        }
    }
    // The forward edit (integrate input-validation): whole, idempotent, and
    // the plan's rollback of it then wiring again lands on the same bytes.
    if let Ok(edits) = super::validation::wire(text) {
        if !edits.is_empty() {
            prop_assert!(parsed, "wire: edits on text that does not parse");
            let on = apply(text, &edits);
            prop_assert!(Source::parse(&on).is_ok(), "wire broke the file:\n{on}");
            prop_assert_eq!(super::validation::wired(&on), Ok(true), "wired after wiring:\n{}", on);
            prop_assert!(super::validation::wire(&on).map(|e| e.is_empty()).unwrap_or(false), "wire twice:\n{}", on);
            if let Ok(off) = super::validation::unwire(&on) {
                let off = apply(&on, &off);
                prop_assert_eq!(super::validation::wired(&off), Ok(false), "unwired:\n{}", off);
                let again = super::validation::wire(&off).map(|e| apply(&off, &e));
                prop_assert_eq!(again.as_deref(), Ok(on.as_str()), "wire after unwire");
            }
        }
    }
    // The handler replay's reading: never a panic, nothing changed between a
    // text and itself, and the instrumented handler still lexes.
    if let Ok(changed) = super::validation::changed_methods(text, text) {
        prop_assert!(changed.is_empty(), "a text differs from itself: {:?}", changed);
    }
    if let Ok(out) = super::validation::instrument(text, &["collectAppointment".to_string()]) {
        prop_assert!(!parsed || Source::parse(&out).is_ok(), "the instrumentation broke the file:\n{}", out);
    }
    let _ = super::validation::needs_validation(text);
    // The alias table and the names it resolves: never a panic, and the
    // limiter with them still answers to its class.
    let table = crate::core::limiter::alias_table("app/Http/Kernel.php", text);
    let names = limiter.with_app(&table);
    prop_assert!(names.is_class("App\\Http\\Middleware\\RateLimitMiddleware"));
    Ok(())
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Route::prefix('v2')->middleware(['api.rate-limit', 'api.performance'])->group(function () {\n    Route::post('bookings', [B::class, 'store']);\n});\n".to_string()),
        Just("Route::post('webhooks/x', [W::class, 'h'])->middleware('api.rate-limit');\n".to_string()),
        Just("Route::group(['prefix' => 'v3', 'middleware' => array(\"api.rate-limit:60,1\", 'x')], $f);\n".to_string()),
        Just("Route::middleware('api.rate-limit', 'b')->get('h', $f);\n".to_string()),
        Just("Log::info('x', LogSanitizer::sanitize($data));\n".to_string()),
        Just("Log::info('y', \\App\\Helpers\\LogSanitizer::sanitize(['a' => f($b, 1)]));\n".to_string()),
        Just("Log::info('z', LogSanitizer::sanitize(LogSanitizer::sanitize($d)));\n".to_string()),
        Just("// LogSanitizer::sanitize($c) 'api.rate-limit' new CircuitBreaker(\n".to_string()),
        Just("/* ->middleware(['api.rate-limit']) */\n".to_string()),
        Just("$s = 'api.rate-limit ] ) // not code';\n".to_string()),
        Just("$h = <<<EOT\n  'api.rate-limit' ] LogSanitizer::sanitize(\nEOT;\n".to_string()),
        Just("class S {\n    private $cb;\n    public function __construct()\n    {\n        $this->cb = new CircuitBreaker(\n            serviceName: 'calcom_api'\n        );\n    }\n    public function send($r) { return $this->cb->call($r); }\n    public function safe($r) { return $this->cb ? $this->cb->call($r) : $r(); }\n}\n".to_string()),
        Just("class T { function __construct() { $this->x = new CircuitBreaker('x'); } }\n".to_string()),
        Just("if ($a) { $b = [1, 2, (3)]; }\n".to_string()),
        Just("namespace App\\Http\\Controllers;\nuse Illuminate\\Http\\Request;\nuse App\\Helpers\\LogSanitizer;\n".to_string()),
        Just("class RetellFunctionCallHandler extends Controller {\n  public function collectAppointment(Request $request) {\n    $data = $request->all();\n    Log::info('Retell collect appointment', LogSanitizer::sanitize($data));\n    return response()->json($data);\n  }\n}\n".to_string()),
        Just("class RetellFunctionCallHandler { function collectAppointment(string $id, \\Illuminate\\Http\\Request $r, $n = [1, 2]) { return $r->all() + $r->input('x'); } }\n".to_string()),
        Just("use Illuminate\\{Http\\Request as R, Support\\Facades\\Log};\n".to_string()),
        Just("use App\\Http\\Requests\\CollectAppointmentRequest;\n".to_string()),
        Just("class RetellFunctionCallHandler extends Controller {\n    public function collectAppointment(CollectAppointmentRequest $request): JsonResponse\n    {\n        $d = $request->getAppointmentData();\n        return response()->json(['a' => $d['datum'], 'b' => $request->input('x', $request->header('y'))]);\n    }\n    public function bookAppointmentV17(\\App\\Http\\Requests\\CollectAppointmentRequest $r) { /* c */ $x = $r->getAppointmentData(); }\n    public function empty(CollectAppointmentRequest $q) {}\n}\n".to_string()),
        Just("?>\n<html><?php echo 'x'; ?>\n<?php\n".to_string()),
        Just("use App\\Http\\Middleware\\RateLimitMiddleware;\nuse App\\Http\\Middleware\\{RateLimitMiddleware as RL, X};\n".to_string()),
        Just("Route::post('w', [W::class, 'h'])->middleware([RateLimitMiddleware::class, \\App\\Http\\Middleware\\RateLimitMiddleware::class . ':5,1', 'App\\Http\\Middleware\\RateLimitMiddleware']);\n".to_string()),
        Just("class Kernel { protected $routeMiddleware = ['api.rate-limit' => \\App\\Http\\Middleware\\RateLimitMiddleware::class, 'api.rate-limit' => X::class, 'y' => 'App\\Y']; }\n".to_string()),
        Just("$middleware->alias(['api.rate-limit' => RL::class, 5 => static::class, 'z' => $v]);\n".to_string()),
        "[ -~\n]{0,40}".prop_map(|s| s),
    ]
}

/// Damage a generator can do: cut, duplicate or drop bytes at a point.
fn damaged(text: String, at: usize, how: u8) -> String {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    match how % 4 {
        0 => text,
        1 => text[..at].to_string(),
        2 => format!("{}{}", &text[..at], &text[at..].replacen(['(', '[', '{', ')', ']', '}', '\'', '"'], "", 1)),
        _ => format!("{}{}{}", &text[..at], &text[at..], &text[..at]),
    }
}

proptest! {

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Source::parse(&text);
        check_all(&text)?;
        check_all(&format!("<?php\n{text}"))?;
    }

    #[test]
    fn generated_php_is_refused_or_edited_whole(
        parts in prop::collection::vec(fragment(), 1..8),
        at in any::<usize>(),
        how in any::<u8>(),
    ) {
        let text = damaged(format!("<?php\n{}", parts.concat()), at, how);
        check_all(&text)?;
    }
}
