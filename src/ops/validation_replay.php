<?php
// gatewayctl: the input-validation impact preview. Logged payloads of
// `Retell collect appointment` are put through CollectAppointmentRequest
// exactly as Laravel resolves it for a request (prepareForValidation,
// authorize, rules, withValidator), on a shadow copy of the app, with no
// network (unshare -n) when the system allows it. No request reaches the
// gateway. argv: the shadow app dir, a JSON file holding an array of payloads.
// Prints {"results":[{"ok":true}|{"ok":false,"failed":{field:{Rule:[..]}}}]}.
// Exit 0: replayed; 4: the FormRequest is missing; 5: it cannot be used.
require __DIR__.'/gatewayctl-boot.php';
$class = 'App\\Http\\Requests\\CollectAppointmentRequest';
if (!class_exists($class)) {
    echo json_encode(['error' => "no class {$class}"]);
    exit(4);
}
$payloads = json_decode(file_get_contents($argv[2]), true);
if (!is_array($payloads)) {
    echo json_encode(['error' => 'the payloads file is not a JSON array']);
    exit(5);
}
$results = [];
foreach ($payloads as $payload) {
    $base = Illuminate\Http\Request::create(
        '/api/retell/collect-appointment',
        'POST',
        [],
        [],
        [],
        ['CONTENT_TYPE' => 'application/json', 'HTTP_ACCEPT' => 'application/json'],
        json_encode($payload)
    );
    $request = $class::createFrom($base);
    $request->setContainer($app)->setRedirector($app->make(Illuminate\Routing\Redirector::class));
    try {
        $request->validateResolved();
        $results[] = ['ok' => true];
    } catch (Illuminate\Validation\ValidationException $e) {
        $results[] = ['ok' => false, 'failed' => $e->validator->failed()];
    } catch (Illuminate\Auth\Access\AuthorizationException $e) {
        $results[] = ['ok' => false, 'failed' => ['(authorize)' => ['Unauthorized' => []]]];
    } catch (Throwable $e) {
        echo json_encode(['error' => get_class($e).': '.$e->getMessage()]);
        exit(5);
    }
}
echo json_encode(['results' => $results]);
