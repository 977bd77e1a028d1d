#!/bin/bash
# Starts or stops a real Orthanc (with its DICOMweb plugin) on loopback for the PACS tests, as a
# plain background process with a generated configuration (../shared/docs/pacs-peers.md).
# Usage: orthanc.sh start|restart DIR HTTP_PORT DICOM_PORT [MOVE_PORT [CERT_DIR]] | orthanc.sh stop DIR
# MOVE_PORT (default DICOM_PORT+18): where the C-MOVE destination HOUNSFIELD listens.
# CERT_DIR (made by make-certs.sh): HTTPS and DICOM TLS only, with server.pem/key, client
# certificates required (DICOM) or checked when given (HTTPS) against ca.pem, and TLS towards
# HOUNSFIELD for C-MOVE. Orthanc's own HTTPS crashes on Debian 12 (civetweb with OpenSSL 3), so
# stunnel serves HTTPS on HTTP_PORT in front of Orthanc's plain HTTP on HTTP_PORT+100.
# (restart keeps what the previous run stored, as after a crash of the server)
set -u
action=$1 dir=$2
pidfile="$dir/orthanc.pid"

stop() {
  if [ -f "$dir/stunnel.pid" ]; then kill -TERM "$(cat "$dir/stunnel.pid")" 2>/dev/null; rm -f "$dir/stunnel.pid"; fi
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null
  # Orthanc takes 3-5 s to stop cleanly; then make sure.
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null
  rm -f "$pidfile"
}

if [ "$action" = stop ]; then
  stop
  exit 0
fi

http=$3 dicom=$4 move=${5:-$(($4 + 18))} certs=${6:-}
stop
[ "$action" = restart ] || rm -rf "$dir"
mkdir -p "$dir/db"
scheme=http tls='' use_tls=false curl_tls=() inner=$http
[ -n "$certs" ] && inner=$((http + 100))
if ss -ltn | grep -qE "[:.]($http|$dicom|$inner)\b"; then
  echo "orthanc.sh: port $http, $inner or $dicom is already in use"; exit 1
fi
if [ -n "$certs" ]; then
  "$(dirname "$0")/make-certs.sh" "$certs"
  scheme=https use_tls=true curl_tls=(--cacert "$certs/ca.pem") inner=$((http + 100))
  tls=$(cat <<TLS
  "DicomTlsEnabled" : true, "DicomTlsCertificate" : "$certs/server.pem", "DicomTlsPrivateKey" : "$certs/server.key",
  "DicomTlsTrustedCertificates" : "$certs/ca.pem", "DicomTlsRemoteCertificateRequired" : true,
TLS
)
fi
cat > "$dir/orthanc.json" <<JSON
{
  "Name" : "HOUNSFIELD-TEST",$tls
  "StorageDirectory" : "$dir/db",
  "IndexDirectory" : "$dir/db",
  "Plugins" : [ "/usr/share/orthanc/plugins/libOrthancDicomWeb.so" ],
  "HttpServerEnabled" : true, "HttpPort" : $inner, "RemoteAccessAllowed" : false, "AuthenticationEnabled" : false,
  "DicomServerEnabled" : true, "DicomAet" : "ORTHANC", "DicomPort" : $dicom, "DicomCheckCalledAet" : false,
  "DicomAlwaysAllowEcho" : true, "DicomAlwaysAllowStore" : true, "DicomAlwaysAllowFind" : true,
  "DicomAlwaysAllowGet" : true, "DicomAlwaysAllowMove" : true,
  "DicomModalities" : { "hounsfield" : { "AET" : "HOUNSFIELD", "Host" : "127.0.0.1", "Port" : $move, "UseDicomTls" : $use_tls } },
  "DicomWeb" : { "Enable" : true, "Root" : "/dicom-web/", "EnableWado" : true, "WadoRoot" : "/wado",
                 "Host" : "127.0.0.1:$http", "Ssl" : $use_tls },
  "StableAge" : 5, "SaveJobs" : false
}
JSON
run=()
if [ "$(id -u)" -eq 0 ]; then
  # Not as root: drop to nobody (setpriv execs in place, so $! is Orthanc's own PID).
  chown -R 65534:65534 "$dir"
  chmod 755 "$dir"
  run=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
# Detached from ctest's pipes, or ctest would wait for it.
setsid "${run[@]}" /usr/sbin/Orthanc "$dir/orthanc.json" > "$dir/orthanc.log" 2>&1 < /dev/null &
echo $! > "$pidfile"
if [ -n "$certs" ]; then
  cat > "$dir/stunnel.conf" <<CONF
foreground = yes
pid =
[https]
accept = 127.0.0.1:$http
connect = 127.0.0.1:$inner
cert = $certs/server.pem
key = $certs/server.key
CAfile = $certs/ca.pem
verifyChain = yes
requireCert = no
sslVersionMin = TLSv1.2
CONF
  setsid "${run[@]}" stunnel4 "$dir/stunnel.conf" > "$dir/stunnel.log" 2>&1 < /dev/null &
  echo $! > "$dir/stunnel.pid"
fi
for _ in $(seq 1 200); do
  if curl -sf "${curl_tls[@]}" "$scheme://127.0.0.1:$http/system" > /dev/null && ss -ltn | grep -qE "[:.]$dicom\b"; then
    echo "orthanc.sh: Orthanc ready on 127.0.0.1:$http ($scheme) and :$dicom (DICOM${certs:+ over TLS}), pid $(cat "$pidfile")"
    exit 0
  fi
  kill -0 "$(cat "$pidfile")" 2>/dev/null || break
  sleep 0.1
done
echo "orthanc.sh: Orthanc did not start; its log:"; tail -20 "$dir/orthanc.log"
stop
exit 1
