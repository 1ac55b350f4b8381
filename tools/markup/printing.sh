# Shared by print.sh and holdout.sh (source it): prints pages in real budget
# shapes as PDFs with headless Chromium and with LibreOffice, as they print
# (borderless) and with every cell ruled (NAME.ruled.*), and makes their
# `pdftotext -layout` exports.
#   print_shapes OUTDIR PAGE.html...   # OUTDIR/pdf/NAME{,.ruled}.{chromium,lo}.pdf,
#                                      # OUTDIR/text/NAME{,.ruled}.{chromium,lo}.layout.txt
# LO_PROFILE=DIR, when set, gives LibreOffice a profile of its own (so that it
# does not hand the page to another user's running soffice).
# (needs chromium, soffice, pdftotext)

# print_page PAGE OUTDIR OUTNAME TMP: the page as PDFs by both producers.
print_page() {
    local lo_env=()
    [ -z "${LO_PROFILE:-}" ] || lo_env=("-env:UserInstallation=file://$LO_PROFILE")
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$2/pdf/$3.chromium.pdf" "$1" 2>/dev/null
    soffice "${lo_env[@]}" --headless --convert-to pdf --outdir "$4" "$1" >/dev/null 2>&1
    mv "$4/$(basename "$1" .html).pdf" "$2/pdf/$3.lo.pdf"
}

print_shapes() {
    local out=$1 tmp page name pdf
    shift
    tmp=$(mktemp -d)
    mkdir -p "$out/pdf" "$out/text" "$tmp/ruled"
    for page in "$@"; do
        name=$(basename "$page" .html)
        print_page "$page" "$out" "$name" "$tmp"
        # The same page with every cell ruled (a table style with borders).
        sed 's|</style>|th,td{border:1px solid #000}</style>|' "$page" >"$tmp/ruled/$name.html"
        print_page "$tmp/ruled/$name.html" "$out" "$name.ruled" "$tmp"
    done
    for page in "$@"; do
        for pdf in "$out"/pdf/"$(basename "$page" .html)".*pdf; do
            name=$(basename "$pdf" .pdf)
            pdftotext -layout "$pdf" "$out/text/$name.layout.txt"
        done
    done
    rm -rf "$tmp"
}
