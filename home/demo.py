"""Bilingual demo content for an empty database.

Everything is made here, in code: banners drawn with Pillow, small PDF files
written by hand, Indonesian pages first and their English translations made
with ``copy_for_translation`` so the two trees share translation keys. The
whole run is one transaction, so a failure leaves the database as it was.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from home.models import (
    ArticleIndexPage,
    ArticlePage,
    DocumentLibraryPage,
    FeedbackFormField,
    FeedbackFormPage,
    HomePage,
    LibraryDocument,
    SectionPage,
    ServicePage,
    SiteSettings,
)


@dataclass
class SeedResult:
    created: bool
    pages: int = 0
    images: int = 0
    documents: int = 0


# --- Generated media ---------------------------------------------------------


def make_banner(text: str, *, colors: tuple[str, str], size=(1600, 600)) -> bytes:
    """A PNG with a diagonal gradient and a line of text."""
    width, height = size
    start = PILImage.new("RGB", size, colors[0])
    end = PILImage.new("RGB", size, colors[1])
    mask = PILImage.linear_gradient("L").rotate(-45, expand=True).resize(size)
    image = PILImage.composite(end, start, mask)
    draw = ImageDraw.Draw(image)
    # A stylised runway and a cross, the centre's emblem in broad strokes.
    draw.polygon(
        [
            (width * 0.55, height),
            (width * 0.7, height * 0.45),
            (width * 0.74, height * 0.45),
            (width * 0.95, height),
        ],
        fill=(255, 255, 255),
    )
    # Top right, clear of the hero title and card text laid over the left side.
    cx, cy, arm = int(width * 0.88), int(height * 0.22), int(height * 0.08)
    draw.rectangle([cx - arm // 3, cy - arm, cx + arm // 3, cy + arm], fill="#f2a900")
    draw.rectangle([cx - arm, cy - arm // 3, cx + arm, cy + arm // 3], fill="#f2a900")
    if text:
        font = ImageFont.load_default(size=max(24, height // 12))
        draw.text(
            (width * 0.3, height * 0.5), text, fill="white", font=font, anchor="lm"
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def make_pdf(title: str, lines: list[str]) -> bytes:
    """A minimal, valid one-page PDF with a title and a few lines of text."""

    def escape(value: str) -> str:
        value = value.encode("latin-1", "replace").decode("latin-1")
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = ["BT", "/F1 16 Tf", "72 770 Td", f"({escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        text += ["0 -22 Td", f"({escape(line)}) Tj"]
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()


def create_image(title: str, description: str, text: str, colors, filename: str):
    image = get_image_model()(title=title, description=description)
    image.file = ImageFile(io.BytesIO(make_banner(text, colors=colors)), name=filename)
    image.save()
    return image


def create_document(title: str, filename: str, lines: list[str]):
    document = get_document_model()(title=title)
    document.file = ContentFile(make_pdf(title, lines), name=filename)
    document.save()
    return document


# --- Page helpers --------------------------------------------------------------


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page: Page, locale: Locale, **fields) -> Page:
    """Copy ``page`` into ``locale``, set the translated fields and publish."""
    translation = page.copy_for_translation(locale).specific
    if "title" in fields and "slug" not in fields and page.depth > 2:
        fields["slug"] = slugify(fields["title"])
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def rich(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def bullets(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def body(*paragraphs: str, heading: str = "", quote: tuple[str, str] | None = None):
    blocks = []
    if heading:
        blocks.append(("heading", {"text": heading, "level": "h2"}))
    blocks.extend(("paragraph", f"<p>{p}</p>") for p in paragraphs)
    if quote:
        blocks.append(("quote", {"text": quote[0], "attribution": quote[1]}))
    return blocks


# --- Content --------------------------------------------------------------------

SERVICES = [
    {
        "slug": "pemeriksaan-berkala-awak-pesawat",
        "id": (
            "Pemeriksaan Kesehatan Berkala Awak Pesawat",
            "Pemeriksaan kesehatan berkala bagi pilot dan awak kabin untuk "
            "memperpanjang sertifikat kesehatan (medical certificate) kelas 1 dan 2.",
            [
                "Surat pengantar dari operator penerbangan atau sekolah penerbang",
                "Sertifikat kesehatan terakhir (asli dan fotokopi)",
                "Kartu identitas (KTP/paspor) dan lisensi yang masih berlaku",
                "Formulir pendaftaran yang telah diisi",
                "Puasa 10 jam sebelum pemeriksaan laboratorium",
            ],
            "Senin sampai Jumat, pukul 07.30–14.00 WIB. Pendaftaran ditutup pukul 11.00 WIB.",
            "Sesuai Peraturan Pemerintah tentang Jenis dan Tarif PNBP yang berlaku "
            "pada Kementerian Perhubungan. Kelas 1: Rp 750.000; Kelas 2: Rp 500.000.",
        ),
        "en": (
            "Periodic Medical Examination for Aircrew",
            "Periodic medical examination for pilots and cabin crew to renew "
            "their class 1 and class 2 medical certificates.",
            [
                "Covering letter from the air operator or flight school",
                "Latest medical certificate (original and copy)",
                "Identity card or passport and a valid licence",
                "Completed registration form",
                "Fast for 10 hours before the laboratory tests",
            ],
            "Monday to Friday, 07:30–14:00 WIB. Registration closes at 11:00 WIB.",
            "As set by the Government Regulation on non-tax state revenue (PNBP) "
            "of the Ministry of Transportation. Class 1: IDR 750,000; "
            "class 2: IDR 500,000.",
        ),
    },
    {
        "slug": "pemeriksaan-calon-pilot",
        "id": (
            "Pemeriksaan Kesehatan Calon Pilot/Kadet",
            "Pemeriksaan kesehatan awal bagi calon siswa penerbang dan kadet "
            "sebelum memulai pendidikan terbang.",
            [
                "Surat rekomendasi dari sekolah penerbang",
                "Kartu identitas (KTP/paspor) dan pas foto 4x6 dua lembar",
                "Hasil pemeriksaan mata dari dokter spesialis (bila ada)",
                "Formulir riwayat kesehatan yang telah diisi",
            ],
            "Selasa dan Kamis, pukul 07.30–12.00 WIB, dengan perjanjian.",
            "Rp 1.000.000 untuk pemeriksaan awal kelas 1, termasuk laboratorium "
            "dan elektrokardiogram.",
        ),
        "en": (
            "Medical Examination for Pilot Candidates and Cadets",
            "Initial medical examination for student pilots and cadets before "
            "they start flight training.",
            [
                "Recommendation letter from the flight school",
                "Identity card or passport and two 4x6 photographs",
                "Eye specialist report (if any)",
                "Completed medical history form",
            ],
            "Tuesday and Thursday, 07:30–12:00 WIB, by appointment.",
            "IDR 1,000,000 for the initial class 1 examination, laboratory "
            "tests and electrocardiogram included.",
        ),
    },
    {
        "slug": "pemeriksaan-personel-atc",
        "id": (
            "Pemeriksaan Kesehatan Personel ATC",
            "Pemeriksaan kesehatan kelas 3 bagi pemandu lalu lintas penerbangan "
            "(air traffic controller).",
            [
                "Surat pengantar dari penyelenggara pelayanan navigasi penerbangan",
                "Sertifikat kesehatan terakhir",
                "Kartu identitas dan lisensi ATC",
                "Formulir pendaftaran yang telah diisi",
            ],
            "Senin sampai Jumat, pukul 07.30–14.00 WIB.",
            "Rp 500.000 per pemeriksaan.",
        ),
        "en": (
            "Medical Examination for ATC Personnel",
            "Class 3 medical examination for air traffic controllers.",
            [
                "Covering letter from the air navigation service provider",
                "Latest medical certificate",
                "Identity card and ATC licence",
                "Completed registration form",
            ],
            "Monday to Friday, 07:30–14:00 WIB.",
            "IDR 500,000 per examination.",
        ),
    },
    {
        "slug": "sertifikat-kesehatan-penerbangan",
        "id": (
            "Penerbitan Sertifikat Kesehatan Penerbangan",
            "Penerbitan sertifikat kesehatan penerbangan setelah pemeriksaan "
            "dinyatakan memenuhi standar kesehatan.",
            [
                "Hasil pemeriksaan kesehatan lengkap dari Balai",
                "Kartu identitas dan lisensi",
            ],
            "Sertifikat diterbitkan paling lambat 3 hari kerja setelah pemeriksaan.",
            "Termasuk dalam tarif pemeriksaan; tidak ada biaya tambahan.",
        ),
        "en": (
            "Issuance of Aviation Medical Certificates",
            "Issuance of the aviation medical certificate once the examination "
            "shows the medical standard is met.",
            [
                "Complete examination results from the Centre",
                "Identity card and licence",
            ],
            "Certificates are issued within 3 working days of the examination.",
            "Included in the examination fee; no extra charge.",
        ),
    },
]

# (kind, days ago, tags id, tags en, id: (title, summary, paragraphs), en: (...))
ARTICLES = [
    (
        "announcement",
        2,
        ["jadwal", "pelayanan"],
        ["schedule", "services"],
        (
            "Jadwal Pelayanan Selama Libur Nasional",
            "Pelayanan pemeriksaan kesehatan ditiadakan pada hari libur nasional "
            "dan cuti bersama; pendaftaran daring tetap dibuka.",
            [
                "Balai Kesehatan Penerbangan menginformasikan bahwa pelayanan "
                "pemeriksaan kesehatan ditiadakan selama hari libur nasional dan "
                "cuti bersama.",
                "Pelayanan kembali normal pada hari kerja berikutnya mulai pukul "
                "07.30 WIB. Pendaftaran daring tetap dapat dilakukan.",
            ],
        ),
        (
            "Service Hours During National Holidays",
            "Medical examinations are not held on national holidays; online "
            "registration stays open.",
            [
                "The Aviation Health Centre informs the public that medical "
                "examinations are not held on national holidays and collective "
                "leave days.",
                "Services resume on the next working day from 07:30 WIB. Online "
                "registration remains available.",
            ],
        ),
    ),
    (
        "news",
        5,
        ["pilot", "pemeriksaan berkala"],
        ["pilot", "periodic examination"],
        (
            "Ratusan Pilot Jalani Pemeriksaan Kesehatan Berkala",
            "Sepanjang bulan ini Balai melayani ratusan pilot maskapai nasional "
            "yang memperpanjang sertifikat kesehatannya.",
            [
                "Balai Kesehatan Penerbangan mencatat peningkatan jumlah pilot yang "
                "menjalani pemeriksaan kesehatan berkala menjelang musim liburan.",
                "Pemeriksaan meliputi pemeriksaan fisik, laboratorium, "
                "elektrokardiogram, audiometri, dan pemeriksaan mata.",
            ],
        ),
        (
            "Hundreds of Pilots Complete Periodic Medical Examinations",
            "This month the Centre examined hundreds of airline pilots renewing "
            "their medical certificates.",
            [
                "The Aviation Health Centre recorded a rise in pilots taking their "
                "periodic medical examination ahead of the holiday season.",
                "The examination covers a physical check, laboratory tests, an "
                "electrocardiogram, audiometry and an eye test.",
            ],
        ),
    ),
    (
        "news",
        12,
        ["kadet", "sekolah penerbang"],
        ["cadets", "flight school"],
        (
            "Pemeriksaan Kesehatan Kadet Sekolah Penerbang",
            "Sebanyak 60 kadet dari sekolah penerbang menjalani pemeriksaan "
            "kesehatan awal kelas 1.",
            [
                "Pemeriksaan kesehatan awal merupakan syarat wajib sebelum kadet "
                "memulai pendidikan terbang.",
                "Kadet yang memenuhi standar akan menerima sertifikat kesehatan "
                "kelas 1 yang menjadi dasar penerbitan lisensi siswa penerbang.",
            ],
        ),
        (
            "Flight School Cadets Take Their Medical Examination",
            "Sixty cadets from flight schools took their initial class 1 medical "
            "examination.",
            [
                "The initial medical examination is compulsory before cadets begin "
                "flight training.",
                "Cadets who meet the standard receive a class 1 medical certificate, "
                "the basis for their student pilot licence.",
            ],
        ),
    ),
    (
        "announcement",
        16,
        ["pendaftaran daring"],
        ["online registration"],
        (
            "Pendaftaran Pemeriksaan Kesehatan Kini Melalui Sistem Daring",
            "Mulai bulan depan, seluruh pendaftaran pemeriksaan kesehatan dilakukan "
            "melalui sistem daring.",
            [
                "Untuk mengurangi antrean, pendaftaran pemeriksaan kesehatan "
                "dilakukan melalui sistem daring paling lambat satu hari sebelum "
                "pemeriksaan.",
                "Peserta yang telah mendaftar cukup membawa bukti pendaftaran dan "
                "dokumen persyaratan asli.",
            ],
        ),
        (
            "Medical Examination Registration Moves Online",
            "From next month all registrations for medical examinations are made "
            "online.",
            [
                "To shorten queues, registration for a medical examination is made "
                "online no later than one day before the examination.",
                "Registered applicants only need to bring their registration receipt "
                "and the original required documents.",
            ],
        ),
    ),
    (
        "news",
        23,
        ["ATC", "navigasi penerbangan"],
        ["ATC", "air navigation"],
        (
            "Pemeriksaan Kesehatan Personel ATC di Bandara Regional",
            "Tim Balai melaksanakan pemeriksaan kesehatan personel pemandu lalu "
            "lintas penerbangan di bandara regional.",
            [
                "Kegiatan pemeriksaan keliling ini memudahkan personel ATC di daerah "
                "yang jauh dari Jakarta.",
                "Sebanyak 45 personel ATC diperiksa dalam dua hari pelaksanaan.",
            ],
        ),
        (
            "Medical Examinations for ATC Staff at Regional Airports",
            "A team from the Centre examined air traffic controllers at regional "
            "airports.",
            [
                "These mobile examinations help ATC staff working far from Jakarta.",
                "Forty-five controllers were examined over two days.",
            ],
        ),
    ),
    (
        "news",
        31,
        ["awak kabin", "pelatihan"],
        ["cabin crew", "training"],
        (
            "Sosialisasi Kesehatan Awak Kabin",
            "Balai menggelar sosialisasi pola hidup sehat dan manajemen kelelahan "
            "bagi awak kabin.",
            [
                "Sosialisasi membahas pentingnya istirahat cukup, hidrasi, dan "
                "pengelolaan kelelahan (fatigue) dalam penerbangan jarak jauh.",
                "Peserta juga mendapat pemeriksaan tekanan darah dan gula darah "
                "gratis.",
            ],
        ),
        (
            "Health Awareness Session for Cabin Crew",
            "The Centre held a session on healthy living and fatigue management "
            "for cabin crew.",
            [
                "The session covered enough rest, hydration and fatigue management "
                "on long-haul flights.",
                "Participants also received free blood pressure and blood sugar "
                "checks.",
            ],
        ),
    ),
    (
        "announcement",
        38,
        ["tarif", "PNBP"],
        ["fees", "PNBP"],
        (
            "Penyesuaian Tarif Pemeriksaan Kesehatan",
            "Tarif pemeriksaan kesehatan disesuaikan dengan peraturan PNBP yang baru.",
            [
                "Sesuai peraturan pemerintah tentang jenis dan tarif PNBP, tarif "
                "pemeriksaan kesehatan mengalami penyesuaian.",
                "Rincian tarif dapat dilihat pada halaman layanan masing-masing.",
            ],
        ),
        (
            "Adjustment of Medical Examination Fees",
            "Examination fees are adjusted to the new PNBP regulation.",
            [
                "In line with the government regulation on non-tax state revenue, "
                "medical examination fees have been adjusted.",
                "The detailed fees are on each service page.",
            ],
        ),
    ),
    (
        "news",
        45,
        ["akreditasi", "mutu"],
        ["accreditation", "quality"],
        (
            "Laboratorium Balai Raih Akreditasi",
            "Laboratorium klinik Balai Kesehatan Penerbangan berhasil meraih "
            "akreditasi nasional.",
            [
                "Akreditasi ini menegaskan mutu hasil pemeriksaan laboratorium yang "
                "menjadi dasar penilaian kesehatan personel penerbangan.",
                "Balai berkomitmen terus meningkatkan kualitas pelayanan.",
            ],
        ),
        (
            "The Centre's Laboratory Gains Accreditation",
            "The clinical laboratory of the Aviation Health Centre has been "
            "nationally accredited.",
            [
                "The accreditation confirms the quality of the laboratory results "
                "on which aviation personnel are assessed.",
                "The Centre is committed to keep improving its services.",
            ],
        ),
    ),
    (
        "news",
        53,
        ["kedokteran penerbangan", "seminar"],
        ["aviation medicine", "seminar"],
        (
            "Seminar Kedokteran Penerbangan Nasional",
            "Dokter pemeriksa penerbangan dari seluruh Indonesia berkumpul dalam "
            "seminar kedokteran penerbangan.",
            [
                "Seminar membahas pembaruan standar kesehatan personel penerbangan "
                "dan praktik terbaik pemeriksaan.",
                "Para peserta berbagi pengalaman menangani kasus kesehatan pilot dan "
                "awak kabin.",
            ],
        ),
        (
            "National Aviation Medicine Seminar",
            "Aviation medical examiners from across Indonesia met at an aviation "
            "medicine seminar.",
            [
                "The seminar covered updates to the medical standards for aviation "
                "personnel and best examination practice.",
                "Participants shared experience of handling pilots' and cabin "
                "crew's health cases.",
            ],
        ),
    ),
    (
        "announcement",
        60,
        ["persyaratan", "dokumen"],
        ["requirements", "documents"],
        (
            "Pembaruan Persyaratan Dokumen Pemeriksaan",
            "Formulir riwayat kesehatan versi terbaru wajib digunakan mulai bulan ini.",
            [
                "Formulir riwayat kesehatan telah diperbarui dan dapat diunduh pada "
                "halaman Regulasi dan Dasar Hukum.",
                "Formulir versi lama tidak lagi diterima.",
            ],
        ),
        (
            "Updated Document Requirements",
            "The new medical history form must be used from this month.",
            [
                "The medical history form has been updated and can be downloaded "
                "from the Regulations and Legal Basis page.",
                "The old form is no longer accepted.",
            ],
        ),
    ),
    (
        "news",
        72,
        ["survei kepuasan"],
        ["satisfaction survey"],
        (
            "Hasil Survei Kepuasan Masyarakat",
            "Indeks kepuasan masyarakat terhadap pelayanan Balai mencapai "
            "kategori sangat baik.",
            [
                "Survei dilakukan terhadap pengguna layanan selama satu semester.",
                "Masukan dari masyarakat menjadi bahan perbaikan pelayanan, "
                "terutama waktu tunggu hasil pemeriksaan.",
            ],
        ),
        (
            "Public Satisfaction Survey Results",
            "Public satisfaction with the Centre's services reached the "
            "'very good' category.",
            [
                "The survey covered service users over one semester.",
                "Public feedback guides service improvements, especially the waiting "
                "time for results.",
            ],
        ),
    ),
    (
        "news",
        85,
        ["zona integritas"],
        ["integrity zone"],
        (
            "Balai Canangkan Zona Integritas",
            "Balai Kesehatan Penerbangan mencanangkan pembangunan zona integritas "
            "menuju wilayah bebas dari korupsi.",
            [
                "Pencanangan ini merupakan komitmen seluruh pegawai untuk memberikan "
                "pelayanan yang bersih dan transparan.",
                "Masyarakat dapat menyampaikan pengaduan melalui halaman Masukan.",
            ],
        ),
        (
            "The Centre Launches an Integrity Zone",
            "The Aviation Health Centre launched its integrity zone programme "
            "towards a corruption-free area.",
            [
                "The launch is the commitment of all staff to clean, transparent "
                "service.",
                "The public can send complaints through the Feedback page.",
            ],
        ),
    ),
]

LIBRARY = [
    (
        "Undang-Undang Nomor 1 Tahun 2009 tentang Penerbangan",
        "law",
        2009,
        "UU 1/2009",
        "uu-1-2009-penerbangan.pdf",
    ),
    (
        "Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan",
        "law",
        2023,
        "UU 17/2023",
        "uu-17-2023-kesehatan.pdf",
    ),
    (
        "Peraturan Pemerintah tentang Penyelenggaraan Bidang Penerbangan",
        "gov_regulation",
        2021,
        "PP 32/2021",
        "pp-32-2021-penerbangan.pdf",
    ),
    (
        "Peraturan Menteri Perhubungan tentang Standar Kesehatan dan "
        "Sertifikasi Personel Penerbangan (CASR Part 67)",
        "minister_regulation",
        2017,
        "PM 67/2017",
        "pm-casr-67.pdf",
    ),
    (
        "Keputusan Kepala Balai tentang Standar Pelayanan",
        "decree",
        2024,
        "KP.01/2024",
        "kp-standar-pelayanan-2024.pdf",
    ),
    (
        "SOP Pemeriksaan Kesehatan Berkala",
        "sop",
        2024,
        "SOP-PK-01",
        "sop-pemeriksaan-berkala.pdf",
    ),
    (
        "Formulir Pendaftaran Pemeriksaan Kesehatan",
        "form",
        2024,
        "",
        "formulir-pendaftaran.pdf",
    ),
    (
        "Formulir Riwayat Kesehatan",
        "form",
        2025,
        "",
        "formulir-riwayat-kesehatan.pdf",
    ),
]

FORM_FIELDS = [
    # (label id, label en, type, required, choices id, choices en)
    ("Nama", "Name", "singleline", True, "", ""),
    ("Email", "Email", "email", True, "", ""),
    ("Nomor Telepon", "Phone number", "singleline", False, "", ""),
    (
        "Kategori",
        "Category",
        "dropdown",
        True,
        "Pertanyaan\nSaran\nPengaduan\nApresiasi",
        "Question\nSuggestion\nComplaint\nAppreciation",
    ),
    ("Pesan", "Message", "multiline", True, "", ""),
]


# --- The seeding itself -----------------------------------------------------------


def ensure_locales() -> tuple[Locale, Locale]:
    id_locale, _ = Locale.objects.get_or_create(language_code="id")
    en_locale, _ = Locale.objects.get_or_create(language_code="en")
    return id_locale, en_locale


def seed_demo_content(*, to_address: str = "humas@bkp.example.go.id") -> SeedResult:
    """Fill an empty site with the demo; do nothing if a HomePage exists."""
    id_locale, en_locale = ensure_locales()
    if HomePage.objects.exists():
        return SeedResult(created=False)
    # Translations are copied first and renamed to English slugs afterwards;
    # those old paths were never public, so no redirects should be made for them.
    # (on_commit handlers too: the override must outlive the transaction).
    with override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False), transaction.atomic():
        _seed(id_locale, en_locale, to_address=to_address)
    return SeedResult(
        created=True,
        pages=Page.objects.count(),
        images=get_image_model().objects.count(),
        documents=get_document_model().objects.count(),
    )


def _seed(id_locale: Locale, en_locale: Locale, *, to_address: str) -> None:
    today = timezone.localdate()
    root = Page.get_first_root_node()

    # Images ------------------------------------------------------------------
    navy = ("#0b3d6b", "#1f6fb2")
    teal = ("#0d4f4a", "#2a8c7f")
    dusk = ("#3b2a5a", "#0b3d6b")
    hero_image = create_image(
        "Banner beranda",
        "Ilustrasi landasan pacu dan lambang palang kesehatan",
        "",
        navy,
        "banner-beranda.png",
    )
    article_images = [
        create_image(
            f"Ilustrasi berita {n}",
            description,
            caption,
            colors,
            f"ilustrasi-berita-{n}.png",
        )
        for n, (description, caption, colors) in enumerate(
            [
                ("Ilustrasi pemeriksaan kesehatan pilot", "Pemeriksaan Pilot", navy),
                ("Ilustrasi kegiatan kadet sekolah penerbang", "Kadet", teal),
                ("Ilustrasi menara pengatur lalu lintas udara", "ATC", dusk),
                ("Ilustrasi laboratorium klinik", "Laboratorium", teal),
            ],
            start=1,
        )
    ]
    service_image = create_image(
        "Banner layanan",
        "Ilustrasi layanan pemeriksaan kesehatan penerbangan",
        "Layanan Pemeriksaan",
        teal,
        "banner-layanan.png",
    )

    # Documents -----------------------------------------------------------------
    library_documents = []
    for title, doc_type, year, number, filename in LIBRARY:
        document = create_document(
            title,
            filename,
            [
                f"Nomor: {number or '-'}   Tahun: {year}",
                "Dokumen contoh untuk situs demo Balai Kesehatan Penerbangan.",
                "Example document for the demo site of the Aviation Health Centre.",
            ],
        )
        library_documents.append((document, title, doc_type, year, number))
    forms = {
        doc.title: doc
        for doc, *_ in library_documents
        if doc.title.startswith("Formulir")
    }

    # Indonesian tree ---------------------------------------------------------------
    home = HomePage(
        title="Beranda",
        slug="beranda",
        locale=id_locale,
        hero_title="Melayani Kesehatan Personel Penerbangan Indonesia",
        hero_text=(
            "Pemeriksaan dan sertifikasi kesehatan bagi pilot, awak kabin, dan "
            "pemandu lalu lintas penerbangan untuk keselamatan penerbangan."
        ),
        hero_image=hero_image,
        hero_link_text="Lihat layanan kami",
        seo_title="Balai Kesehatan Penerbangan",
        search_description=(
            "Situs resmi Balai Kesehatan Penerbangan, Kementerian Perhubungan."
        ),
    )
    publish(root, home)

    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = "Balai Kesehatan Penerbangan"
    # Absolute URLs (API html_url, feeds, emails) point at the running demo.
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = base.hostname or "localhost"
    site.port = base.port or (443 if base.scheme == "https" else 80)
    site.save()
    # Wagtail's "Welcome" page, now orphaned from every site.
    if (
        old_root is not None
        and old_root.specific_class is Page
        and not Site.objects.filter(root_page=old_root).exists()
    ):
        old_root.delete()

    tu = publish(
        home,
        SectionPage(
            title="Tata Usaha",
            slug="tata-usaha",
            show_in_menus=True,
            intro=(
                "Subbagian Tata Usaha mengelola administrasi, kepegawaian, keuangan, "
                "dan dokumen peraturan Balai."
            ),
            body=body(
                "Tata Usaha menyediakan informasi publik, dasar hukum, dan standar "
                "pelayanan Balai Kesehatan Penerbangan."
            ),
        ),
    )
    pk = publish(
        home,
        SectionPage(
            title="Pelayanan Kesehatan Penerbangan",
            slug="pelayanan",
            show_in_menus=True,
            intro=(
                "Seksi Pelayanan Kesehatan Penerbangan menyelenggarakan pemeriksaan "
                "dan sertifikasi kesehatan personel penerbangan."
            ),
            image=service_image,
            body=body(
                "Pemeriksaan dilakukan oleh dokter pemeriksa penerbangan sesuai "
                "standar kesehatan personel penerbangan sipil.",
                heading="Tentang layanan",
            ),
        ),
    )
    humas = publish(
        home,
        SectionPage(
            title="Humas",
            slug="humas",
            show_in_menus=True,
            intro="Hubungan Masyarakat: berita, pengumuman, dan saluran masukan publik.",
            body=body(
                "Humas menyampaikan informasi terbaru dan menerima masukan dari "
                "masyarakat."
            ),
        ),
    )
    library = DocumentLibraryPage(
        title="Regulasi dan Dasar Hukum",
        slug="regulasi",
        intro="Peraturan perundang-undangan, keputusan, SOP, dan formulir pelayanan.",
    )
    library.library_documents = [
        LibraryDocument(
            document=document, title=title, doc_type=doc_type, year=year, number=number
        )
        for document, title, doc_type, year, number in library_documents
    ]
    publish(tu, library)

    services = []
    for service in SERVICES:
        title, summary, requirements, schedule, fees = service["id"]
        services.append(
            publish(
                pk,
                ServicePage(
                    title=title,
                    slug=service["slug"],
                    summary=summary,
                    image=service_image,
                    image_alt="Ilustrasi layanan pemeriksaan kesehatan",
                    requirements=bullets(*requirements),
                    schedule=rich(schedule),
                    fees=rich(fees),
                    documents=[
                        ("document", {"document": doc, "title": ""})
                        for doc in forms.values()
                    ],
                ),
            )
        )

    news = publish(
        humas,
        ArticleIndexPage(
            title="Berita dan Pengumuman",
            slug="berita",
            intro="Kabar terbaru dan pengumuman resmi Balai Kesehatan Penerbangan.",
        ),
    )
    articles = []
    for n, (kind, days_ago, tags_id, _tags_en, content_id, _en) in enumerate(ARTICLES):
        title, summary, paragraphs = content_id
        article = ArticlePage(
            title=title,
            kind=kind,
            date=today - datetime.timedelta(days=days_ago),
            summary=summary,
            feed_image=article_images[n % len(article_images)]
            if kind == "news"
            else None,
            body=body(
                *paragraphs,
                quote=(
                    (
                        "Keselamatan penerbangan dimulai dari kesehatan personelnya.",
                        "Kepala Balai",
                    )
                    if n % 3 == 1
                    else None
                ),
            ),
        )
        publish(news, article)
        article.tags.add(*tags_id)
        article.save_revision().publish()
        articles.append(article)

    feedback = FeedbackFormPage(
        title="Masukan",
        slug="masukan",
        show_in_menus=False,
        intro=rich(
            "Sampaikan pertanyaan, saran, atau pengaduan Anda tentang pelayanan "
            "Balai. Kami menjawab dalam lima hari kerja."
        ),
        thank_you_text=rich(
            "Terima kasih, masukan Anda telah kami terima dan akan ditindaklanjuti."
        ),
        to_address=to_address,
        subject="Masukan baru dari situs web",
    )
    feedback.form_fields = [
        FeedbackFormField(
            label=label, field_type=field_type, required=required, choices=choices
        )
        for label, _en, field_type, required, choices, _choices_en in FORM_FIELDS
    ]
    publish(humas, feedback)

    # Reload: children added through other instances left these stale, and
    # saving a stale page would overwrite the tree's child count.
    home = HomePage.objects.get(pk=home.pk)
    home.hero_link = pk
    home.highlights = [
        (
            "highlight",
            {
                "title": "Sertifikat kesehatan",
                "text": "Pemeriksaan kelas 1, 2, dan 3 untuk pilot, awak kabin, dan ATC.",
                "page": services[-1],
            },
        ),
        (
            "highlight",
            {
                "title": "Regulasi",
                "text": "Dasar hukum, SOP, dan formulir yang dapat diunduh.",
                "page": library,
            },
        ),
        (
            "highlight",
            {
                "title": "Masukan",
                "text": "Sampaikan saran dan pengaduan Anda kepada kami.",
                "page": feedback,
            },
        ),
    ]
    home.save_revision().publish()

    # English tree -------------------------------------------------------------------
    en_home = translate(
        home,
        en_locale,
        title="Home",
        hero_title="Caring for the Health of Indonesia's Aviation Personnel",
        hero_text=(
            "Medical examinations and certification for pilots, cabin crew and "
            "air traffic controllers, for safer flying."
        ),
        hero_link_text="See our services",
        seo_title="Aviation Health Centre",
        search_description=(
            "Official website of the Aviation Health Centre, Ministry of "
            "Transportation."
        ),
    )
    translate(
        tu,
        en_locale,
        title="Administration",
        intro=(
            "The Administration subdivision manages the Centre's administration, "
            "staff, finance and regulatory documents."
        ),
        body=body(
            "Administration provides public information, the legal basis and the "
            "service standards of the Aviation Health Centre."
        ),
    )
    en_pk = translate(
        pk,
        en_locale,
        title="Aviation Health Services",
        intro=(
            "The Aviation Health Services section runs the medical examination "
            "and certification of aviation personnel."
        ),
        body=body(
            "Examinations are carried out by aviation medical examiners to the "
            "medical standards for civil aviation personnel.",
            heading="About our services",
        ),
    )
    translate(
        humas,
        en_locale,
        title="Public Relations",
        intro="Public Relations: news, announcements and public feedback.",
        body=body(
            "Public Relations shares the latest news and receives public feedback."
        ),
    )
    en_library = translate(
        library,
        en_locale,
        title="Regulations and Legal Basis",
        intro="Laws, regulations, decrees, SOPs and service forms.",
    )
    en_services = []
    for page, service in zip(services, SERVICES, strict=True):
        title, summary, requirements, schedule, fees = service["en"]
        en_services.append(
            translate(
                page,
                en_locale,
                title=title,
                summary=summary,
                image_alt="Illustration of aviation medical examination services",
                requirements=bullets(*requirements),
                schedule=rich(schedule),
                fees=rich(fees),
            )
        )
    translate(
        news,
        en_locale,
        title="News and Announcements",
        intro="The latest news and official announcements of the Aviation Health Centre.",
    )
    for n, (article, row) in enumerate(zip(articles, ARTICLES, strict=True)):
        _kind, _days, _tags_id, tags_en, _id, (title, summary, paragraphs) = row
        en_article = article.copy_for_translation(en_locale).specific
        en_article.title = title
        en_article.slug = slugify(title)
        en_article.summary = summary
        en_article.body = body(
            *paragraphs,
            quote=(
                (
                    "Flight safety starts with the health of the people who fly.",
                    "Head of the Centre",
                )
                if n % 3 == 1
                else None
            ),
        )
        en_article.tags.clear()
        en_article.tags.add(*tags_en)
        en_article.save_revision().publish()

    en_feedback = translate(
        feedback,
        en_locale,
        title="Feedback",
        intro=rich(
            "Send us your questions, suggestions or complaints about our services. "
            "We reply within five working days."
        ),
        thank_you_text=rich(
            "Thank you, we have received your feedback and will follow it up."
        ),
    )
    english_fields = {
        label: (en, choices_en) for label, en, _t, _r, _c, choices_en in FORM_FIELDS
    }
    for field in en_feedback.form_fields.all():
        field.label, en_choices = english_fields[field.label]
        if en_choices:
            field.choices = en_choices
        field.save()
    FeedbackFormPage.objects.get(pk=en_feedback.pk).save_revision().publish()

    en_home = HomePage.objects.get(pk=en_home.pk)
    en_home.hero_link = en_pk
    en_home.highlights = [
        (
            "highlight",
            {
                "title": "Medical certificates",
                "text": "Class 1, 2 and 3 examinations for pilots, cabin crew and ATC.",
                "page": en_services[-1],
            },
        ),
        (
            "highlight",
            {
                "title": "Regulations",
                "text": "Legal basis, SOPs and downloadable forms.",
                "page": en_library,
            },
        ),
        (
            "highlight",
            {
                "title": "Feedback",
                "text": "Send us your suggestions and complaints.",
                "page": en_feedback,
            },
        ),
    ]
    en_home.save_revision().publish()

    # Site settings ----------------------------------------------------------------------
    site_settings = SiteSettings.for_site(site)
    site_settings.address = (
        "Jl. Angkasa Blok B.15 Kav. 8, Kemayoran\nJakarta Pusat 10720, Indonesia"
    )
    site_settings.phone = "(021) 6540 000"
    site_settings.email = "info@bkp.example.go.id"
    site_settings.whatsapp = "6281100000000"
    site_settings.opening_hours = (
        "Senin–Jumat: 07.30–16.00 WIB\nSabtu, Minggu, dan hari libur: tutup"
    )
    site_settings.opening_hours_en = (
        "Monday–Friday: 07:30–16:00 WIB\nSaturday, Sunday and holidays: closed"
    )
    site_settings.facebook_url = "https://www.facebook.com/kemenhub151"
    site_settings.instagram_url = "https://www.instagram.com/kemenhub151"
    site_settings.x_url = "https://x.com/kemenhub151"
    site_settings.youtube_url = "https://www.youtube.com/@kemenhub151"
    site_settings.footer_text = (
        "Balai Kesehatan Penerbangan adalah unit pelaksana teknis di lingkungan "
        "Kementerian Perhubungan."
    )
    site_settings.footer_text_en = (
        "The Aviation Health Centre is a technical implementation unit of the "
        "Ministry of Transportation."
    )
    site_settings.save()
