#!/bin/bash
# Makes the certificates of the TLS tests in DIR (openssl only; nothing is committed):
#   ca.pem/ca.key            the test CA, trusted by both sides
#   server.pem/server.key    127.0.0.1 and localhost, signed by the CA (Orthanc, storescp)
#   client.pem/client.key    Hounsfield's certificate, signed by the CA
#   wrongca.pem              a CA that signed nothing here (verifying with it must fail)
#   mismatch.pem/.key        signed by the CA but for "elsewhere.example" (name mismatch)
#   expired.pem/.key         signed by the CA, for 127.0.0.1, valid only in 2020 (expired)
#   server-bundle.pem        server.pem + server.key (Orthanc's HTTPS wants one file)
# Usage: make-certs.sh DIR
set -eu
dir=$1
mkdir -p "$dir"
cd "$dir"
[ -f expired.pem ] && exit 0
quiet() { "$@" > /dev/null 2>&1 || { echo "make-certs.sh: failed: $*" >&2; "$@"; exit 1; }; }

ca() { # NAME SUBJECT
  quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.pem" -days 3650 -subj "/CN=$2" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
}
leaf() { # NAME CN SAN [openssl ca date options...]
  local name=$1 cn=$2 san=$3
  shift 3
  quiet openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$cn"
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n' "$san" > "$name.ext"
  if [ $# -eq 0 ]; then
    quiet openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$name.pem" -days 825 -sha256 -extfile "$name.ext"
  else
    # openssl ca takes explicit validity dates (for the expired certificate).
    mkdir -p cadb && : > cadb/index.txt && echo 1000 > cadb/serial
    cat > cadb/ca.cnf <<CNF
[ca]
default_ca = test
[test]
database = cadb/index.txt
serial = cadb/serial
new_certs_dir = cadb
default_md = sha256
policy = any
copy_extensions = none
[any]
commonName = supplied
CNF
    quiet openssl ca -batch -config cadb/ca.cnf -cert ca.pem -keyfile ca.key -in "$name.csr" -out "$name.pem" -notext \
      -extfile "$name.ext" "$@"
  fi
  rm -f "$name.csr" "$name.ext"
}

ca ca "Hounsfield Test CA"
ca wrongca "Some Other CA"
leaf server 127.0.0.1 "IP:127.0.0.1,DNS:localhost"
leaf client hounsfield-client "DNS:hounsfield-client"
leaf mismatch elsewhere.example "DNS:elsewhere.example"
leaf expired 127.0.0.1 "IP:127.0.0.1,DNS:localhost" -startdate 20200101000000Z -enddate 20210101000000Z
cat server.pem server.key > server-bundle.pem
chmod 644 ./*.pem ./*.key
