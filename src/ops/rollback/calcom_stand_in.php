<?php
// gatewayctl: the breaker probe's Cal.com, served by `php -S` on a network
// namespace's private loopback. It notes each request and answers 200 with a
// JSON body, or 500 once the probe has written "fail" into the mode file.
$dir = __DIR__;
file_put_contents($dir.'/gatewayctl-calcom.log', $_SERVER['REQUEST_METHOD'].' '.$_SERVER['REQUEST_URI']."\n", FILE_APPEND | LOCK_EX);
header('Content-Type: application/json');
if (trim((string) @file_get_contents($dir.'/gatewayctl-calcom.mode')) === 'fail') {
    http_response_code(500);
    echo '{"error":"gatewayctl probe: Cal.com failing"}';
    return true;
}
echo json_encode(['status' => 'success', 'data' => ['id' => 1, 'uid' => 'gatewayctl-probe', 'slots' => new stdClass()]]);
return true;
