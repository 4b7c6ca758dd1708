#!/usr/bin/env python3
"""Generates the SPDX licence table pacte embeds (licenses.json), from the npm package's metadata.

The licence fingerprints are not made here any more: pacte_licensegen
(rules/licenses/fingerprintgen.cpp) builds them at build time from the installed texts, with
the matcher's own tokeniser (cmake/licenses.cmake). normalize.py stays as a readable
description of the normalisation, for scripts.

Sources (read here, never committed):
  - the npm package `spdx-license-list` (ids, names, OSI flags, full texts), found with
    --spdx DIR (its folder) or under /tmp/licsrc/node_modules/spdx-license-list;
  - Debian's /usr/share/common-licenses (extra variants of some GNU texts).

Output (derived data only: ids, names, flags):
  - licenses.json: every SPDX id with its name and flags (OSI, FSF, deprecated, French
    administration list, kind, open data), plus the SPDX exception ids.

Usage: python3 rules/licenses/generate.py [--spdx DIR] [--debian DIR]
   (npm install --prefix /tmp/licsrc spdx-license-list  first)
"""
import argparse
import json
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import normalize  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

# Licences identified by their text. GNU licences are stored under their version id ("GPL-3.0")
# and reported with -only / -or-later (see checks/license/license.hpp).
GNU = {"GPL-1.0", "GPL-2.0", "GPL-3.0", "LGPL-2.0", "LGPL-2.1", "LGPL-3.0", "AGPL-1.0",
       "AGPL-3.0", "GFDL-1.1", "GFDL-1.2", "GFDL-1.3"}
IDENTIFIED = [
    # required
    "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "MPL-2.0", "GPL-2.0", "GPL-3.0",
    "LGPL-2.1", "LGPL-3.0", "AGPL-3.0", "EUPL-1.2", "EPL-2.0", "CECILL-2.1", "CECILL-B",
    "CECILL-C", "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "Unlicense", "etalab-2.0", "ODbL-1.0",
    # common extras, and near relatives that must not be confused with the above
    "Zlib", "0BSD", "MIT-0", "X11", "MPL-1.1", "MPL-1.0", "BSL-1.0", "Artistic-2.0",
    "Artistic-1.0-Perl", "WTFPL", "CC-BY-3.0", "CC-BY-SA-3.0", "CC-BY-NC-4.0", "CC-BY-ND-4.0",
    "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-4.0", "PDDL-1.0", "ODC-By-1.0", "BSD-3-Clause-Clear",
    "BSD-4-Clause", "BSD-2-Clause-Patent", "EUPL-1.1", "EPL-1.0", "LGPL-2.0", "GPL-1.0",
    "CECILL-2.0", "CECILL-1.1", "Apache-1.1", "PostgreSQL", "NCSA", "UPL-1.0",
    "MS-PL", "MS-RL", "OFL-1.1", "GFDL-1.2", "GFDL-1.3", "LPPL-1.3c", "ECL-2.0", "OSL-3.0",
    "AFL-3.0", "CDDL-1.0", "CDDL-1.1", "BlueOak-1.0.0", "CDLA-Permissive-2.0", "OGL-UK-3.0",
]
# Debian files stored as extra variants (their wording differs from the SPDX text in more than
# the optional parts). LGPL-3.0: the SPDX text appends the GPL; Debian's is the LGPL alone.
DEBIAN = {"LGPL-3": "LGPL-3.0", "MPL-1.1": "MPL-1.1", "GFDL-1.2": "GFDL-1.2",
          "GFDL-1.3": "GFDL-1.3", "GPL-2": "GPL-2.0", "GPL-1": "GPL-1.0"}
NPM_SKIP = {"LGPL-3.0"}

FSF_LIBRE = set("""
AFL-1.1 AFL-1.2 AFL-2.0 AFL-2.1 AFL-3.0 AGPL-1.0 AGPL-3.0 AGPL-3.0-only AGPL-3.0-or-later
Apache-1.0 Apache-1.1 Apache-2.0 APSL-2.0 Artistic-2.0 BitTorrent-1.1 BSD-2-Clause
BSD-2-Clause-FreeBSD BSD-3-Clause BSD-3-Clause-Clear BSD-4-Clause BSL-1.0 CC-BY-4.0
CC-BY-SA-4.0 CC0-1.0 CDDL-1.0 CECILL-2.0 CECILL-B CECILL-C ClArtistic Condor-1.1 ECL-2.0
EFL-2.0 EPL-1.0 EPL-2.0 EUDatagrid EUPL-1.1 EUPL-1.2 FSFAP FTL GFDL-1.1 GFDL-1.1-only
GFDL-1.1-or-later GFDL-1.2 GFDL-1.2-only GFDL-1.2-or-later GFDL-1.3 GFDL-1.3-only
GFDL-1.3-or-later gnuplot GPL-2.0 GPL-2.0+ GPL-2.0-only GPL-2.0-or-later GPL-3.0 GPL-3.0+
GPL-3.0-only GPL-3.0-or-later HPND iMatix IJG Imlib2 Intel IPA IPL-1.0 ISC LGPL-2.1
LGPL-2.1+ LGPL-2.1-only LGPL-2.1-or-later LGPL-3.0 LGPL-3.0+ LGPL-3.0-only
LGPL-3.0-or-later LPL-1.02 LPPL-1.2 LPPL-1.3a MIT MPL-1.1 MPL-2.0 MS-PL MS-RL NCSA Nokia
NOSL NPL-1.0 NPL-1.1 ODbL-1.0 OFL-1.0 OFL-1.1 OLDAP-2.3 OLDAP-2.7 OpenSSL OSL-1.0 OSL-1.1
OSL-2.0 OSL-2.1 OSL-3.0 PHP-3.01 Python-2.0 QPL-1.0 RPSL-1.0 Ruby SGI-B-2.0 SISSL SMLNJ
SPL-1.0 StandardML-NJ Unlicense UPL-1.0 Vim W3C WTFPL X11 XFree86-1.1 xinetd YPL-1.1
Zend-2.0 Zimbra-1.3 Zlib ZPL-2.0 ZPL-2.1
""".split())

FRENCH_ADMIN = set("""
Apache-2.0 BSD-2-Clause BSD-3-Clause CECILL-B MIT MPL-2.0 GPL-3.0-or-later GPL-3.0+
LGPL-3.0-or-later LGPL-3.0+ AGPL-3.0-only AGPL-3.0 AGPL-3.0-or-later CECILL-2.1 CECILL-C
EPL-2.0 EUPL-1.2 etalab-2.0 ODbL-1.0
""".split())

OPEN_DATA = set("""
etalab-2.0 ODbL-1.0 CC-BY-4.0 CC-BY-SA-4.0 CC0-1.0 PDDL-1.0 ODC-By-1.0 CC-BY-3.0
CC-BY-SA-3.0 CDLA-Permissive-1.0 CDLA-Permissive-2.0 CDLA-Sharing-1.0 OGL-UK-3.0
OGL-Canada-2.0
""".split())
DATA_KIND = set("""
etalab-2.0 ODbL-1.0 PDDL-1.0 ODC-By-1.0 CDLA-Permissive-1.0 CDLA-Permissive-2.0
CDLA-Sharing-1.0 OGL-UK-1.0 OGL-UK-2.0 OGL-UK-3.0 OGL-Canada-2.0 DL-DE-BY-2.0 DL-DE-ZERO-2.0
""".split())
PUBLIC_DOMAIN = set("CC0-1.0 Unlicense CC-PDDC CC-PDM-1.0 PDDL-1.0".split())
PERMISSIVE = set("""
Apache-1.0 Apache-1.1 Apache-2.0 ISC Zlib 0BSD MIT-0 X11 BSL-1.0 Artistic-2.0 WTFPL
PostgreSQL NCSA UPL-1.0 MS-PL ECL-2.0 AFL-3.0 AFL-2.1 AFL-2.0 AFL-1.2 AFL-1.1 BlueOak-1.0.0
MulanPSL-2.0 HPND Unicode-DFS-2016 Unicode-3.0 CECILL-B Python-2.0 PSF-2.0 curl Beerware
""".split())
RECIPROCAL_PREFIX = ("GPL-", "LGPL-", "AGPL-", "MPL-", "EPL-", "EUPL-", "CDDL-", "OSL-",
                     "GFDL-", "CECILL-1", "CECILL-2", "CECILL-C", "MS-RL", "LPPL-", "OFL-",
                     "Artistic-1")
PERMISSIVE_PREFIX = ("MIT", "BSD-", "X11")

# Deprecated SPDX ids (the SPDX list marks them; the npm package does not say which).
DEPRECATED_EXTRA = set("""
eCos-2.0 wxWindows Nunit StandardML-NJ BSD-2-Clause-FreeBSD BSD-2-Clause-NetBSD
bzip2-1.0.5 Net-SNMP
""".split())

EXCEPTIONS = """
389-exception Asterisk-exception Autoconf-exception-2.0 Autoconf-exception-3.0
Autoconf-exception-generic Bison-exception-1.24 Bison-exception-2.2 Bootloader-exception
Classpath-exception-2.0 CLISP-exception-2.0 DigiRule-FOSS-exception eCos-exception-2.0
Fawkes-Runtime-exception FLTK-exception Font-exception-2.0 freertos-exception-2.0
GCC-exception-2.0 GCC-exception-2.0-note GCC-exception-3.1 GNAT-exception
GNOME-examples-exception GNU-compiler-exception gnu-javamail-exception GPL-3.0-interface-exception
GPL-3.0-linking-exception GPL-3.0-linking-source-exception GPL-CC-1.0 GStreamer-exception-2005
GStreamer-exception-2008 i2p-gpl-java-exception KiCad-libraries-exception
LGPL-3.0-linking-exception libpri-OpenH323-exception Libtool-exception Linux-syscall-note
LLGPL LLVM-exception LZMA-exception mif-exception Nokia-Qt-exception-1.1 OCaml-LGPL-linking-exception
OCCT-exception-1.0 OpenJDK-assembly-exception-1.0 openvpn-openssl-exception
PS-or-PDF-font-exception-20170817 QPL-1.0-INRIA-2004-exception Qt-GPL-exception-1.0
Qt-LGPL-exception-1.1 Qwt-exception-1.0 SANE-exception SHL-2.0 SHL-2.1 stunnel-exception
SWI-exception Swift-exception u-boot-exception-2.0 Universal-FOSS-exception-1.0
vsftpd-openssl-exception WxWindows-exception-3.1 x11vnc-openssl-exception
""".split()


def kind_of(lid):
    if lid in DATA_KIND or lid.startswith(("CC-BY-", "CC-SA-", "ODC-", "OGL-", "CDLA-")):
        return "data"
    if lid in PUBLIC_DOMAIN:
        return "public-domain"
    if lid in PERMISSIVE or lid.startswith(PERMISSIVE_PREFIX):
        return "permissive"
    if lid.startswith(RECIPROCAL_PREFIX):
        return "reciprocal"
    return "other"


def is_deprecated(lid):
    if lid in DEPRECATED_EXTRA or lid.endswith("+") or "-with-" in lid:
        return True
    base = lid
    for gnu in GNU:
        if base == gnu:
            return True
    return False


def load_npm(folder):
    path = os.path.join(folder, "spdx-full.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def region(toks, para):
    """Returns (head, tail) n-gram bounds of the required body: the header (the short
    paragraphs before the first one of 20 words or more: title, version, copyright remains, at
    most 40 words) and the appendix after "end of terms and conditions" are optional."""
    head = 0
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and para[j] == para[i]:
            j += 1
        if j - i >= 20 or j > 40:
            break
        i = j
    if len(toks) - i >= 50:
        head = i
    tail = len(toks) - normalize.N + 1
    marker = [b"end", b"of", b"terms", b"and", b"conditions"]
    for i in range(len(toks) - len(marker) + 1):
        if toks[i:i + len(marker)] == marker:
            tail = i + len(marker) - normalize.N + 1
            break
    return head, max(head, tail)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spdx", default="/tmp/licsrc/node_modules/spdx-license-list")
    ap.add_argument("--debian", default="/usr/share/common-licenses")
    ap.add_argument("--out", default=HERE)
    args = ap.parse_args()

    npm = load_npm(args.spdx)

    table = []
    for lid in sorted(npm, key=str.lower):
        v = npm[lid]
        table.append([lid, v["name"], bool(v.get("osiApproved")), lid in FSF_LIBRE,
                      is_deprecated(lid), lid in FRENCH_ADMIN, kind_of(lid), lid in OPEN_DATA])
    doc = {
        "source": "derived by rules/licenses/generate.py from spdx-license-list "
                  + json.load(open(os.path.join(args.spdx, "package.json")))["version"],
        "columns": ["id", "name", "osi", "fsf", "deprecated", "french_admin", "kind",
                    "open_data"],
        "licenses": table,
        "exceptions": sorted(EXCEPTIONS, key=str.lower),
    }
    with open(os.path.join(args.out, "licenses.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"licenses.json: {len(table)} ids")


if __name__ == "__main__":
    main()
