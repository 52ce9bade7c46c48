"""Seed the SOP "Pengelolaan Website" in force since 2 January 2019.

The activities, executors and standard times are the paper SOP's. The legal
basis, related SOPs, equipment and recording texts are written in the style of
Indonesian government SOPs and must be checked against the paper SOP; officers
correct them in the admin (a revision, "Revisi SOP").
"""

import datetime

from django.db import migrations

NUMBER = "001/SOP/HAT.PEN/F/2019"

VERSION = {
    "number": NUMBER,
    "title": "Pengelolaan Website",
    "title_en": "Website Management",
    "approved_on": datetime.date(2019, 1, 2),
    "approved_by": "Kepala Balai Kesehatan Penerbangan",
    "approved_by_en": "Head of the Aviation Health Centre (Balai Kesehatan Penerbangan)",
    "effective_from": datetime.date(2019, 1, 2),
    "revised_on": None,
    "legal_basis": (
        "1. Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;\n"
        "2. Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi "
        "Elektronik sebagaimana telah diubah dengan Undang-Undang Nomor 19 Tahun "
        "2016;\n"
        "3. Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan "
        "Berbasis Elektronik;\n"
        "4. Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi "
        "Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional "
        "Prosedur Administrasi Pemerintahan;\n"
        "5. Peraturan Menteri Kesehatan tentang Organisasi dan Tata Kerja Balai "
        "Kesehatan Penerbangan."
    ),
    "legal_basis_en": (
        "1. Law No. 14 of 2008 on Public Information Disclosure;\n"
        "2. Law No. 11 of 2008 on Electronic Information and Transactions, as "
        "amended by Law No. 19 of 2016;\n"
        "3. Presidential Regulation No. 95 of 2018 on Electronic-Based Government "
        "Systems;\n"
        "4. Regulation of the Minister for Administrative and Bureaucratic Reform "
        "No. 35 of 2012 on Guidelines for Government Standard Operating "
        "Procedures;\n"
        "5. Regulation of the Minister of Health on the Organisation and Work "
        "Procedures of the Aviation Health Centre."
    ),
    "related_sops": (
        "1. SOP Pelayanan Informasi Publik;\n2. SOP Pengelolaan Pengaduan Masyarakat."
    ),
    "related_sops_en": (
        "1. SOP on Public Information Services;\n2. SOP on Handling Public Complaints."
    ),
    "equipment": (
        "1. Komputer/laptop yang terhubung ke jaringan internet;\n"
        "2. Akun pengelola website;\n"
        "3. Peramban (browser) web;\n"
        "4. Media penyimpanan data cadangan."
    ),
    "equipment_en": (
        "1. A computer or laptop connected to the internet;\n"
        "2. A website management account;\n"
        "3. A web browser;\n"
        "4. Storage for backup data."
    ),
    "warning": (
        "Apabila website tidak dipantau, umpan balik dari masyarakat tidak terbaca."
    ),
    "warning_en": (
        "If the website is not monitored, feedback from the public goes unread."
    ),
    "recording": (
        "Laporan pengelolaan website, catatan pemantauan, data cadangan dan jejak "
        "audit disimpan secara elektronik."
    ),
    "recording_en": (
        "Website management reports, monitoring records, backups and the audit "
        "trail are kept electronically."
    ),
}

# (order, text, text_en, officer 1, officer 2, supervisor, requirements,
#  requirements_en, minutes, output, output_en)
ACTIVITIES = [
    (
        1,
        "Memantau isi dan ketersediaan (akses) website setiap hari",
        "Monitor the website's content and availability every day",
        True,
        True,
        False,
        "Komputer dan jaringan internet",
        "Computer and internet connection",
        10,
        "Website terpantau",
        "Website monitored",
    ),
    (
        2,
        "Melakukan pencadangan (backup) data website secara berkala",
        "Back up the website's data regularly",
        True,
        False,
        False,
        "Media penyimpanan data cadangan",
        "Backup storage",
        30,
        "Data cadangan website",
        "Website backup",
    ),
    (
        3,
        "Memantau aktivitas pengunjung dan keamanan website",
        "Watch visitor activity and the website's security",
        False,
        True,
        False,
        "Akun pengelola website",
        "Website management account",
        10,
        "Aktivitas pengunjung terpantau",
        "Visitor activity watched",
    ),
    (
        4,
        "Berkoordinasi dengan subbagian/seksi terkait untuk pemutakhiran konten "
        "website",
        "Coordinate with the subdivisions to keep the website's content up to date",
        True,
        True,
        False,
        "Bahan konten dari subbagian/seksi",
        "Content material from the subdivisions",
        50,
        "Konten website mutakhir",
        "Up-to-date website content",
    ),
    (
        5,
        "Melaporkan kondisi, permasalahan dan solusi pengelolaan website kepada "
        "atasan langsung",
        "Report the situation, problems and solutions to the direct supervisor",
        True,
        True,
        False,
        "Catatan pemantauan",
        "Monitoring records",
        15,
        "Laporan pengelolaan website",
        "Website management report",
    ),
    (
        6,
        "Memerintahkan petugas untuk menindaklanjuti permasalahan",
        "Order an officer to follow up the problems",
        False,
        False,
        True,
        "Laporan pengelolaan website",
        "Website management report",
        10,
        "Disposisi tindak lanjut",
        "Follow-up instruction",
    ),
    (
        7,
        "Menyelesaikan permasalahan, berkoordinasi dengan bagian keuangan atau pihak "
        "ketiga bila diperlukan",
        "Resolve the problems, coordinating with finance or third parties when needed",
        True,
        True,
        False,
        "Disposisi tindak lanjut",
        "Follow-up instruction",
        180,
        "Permasalahan terselesaikan",
        "Problems resolved",
    ),
]


def seed(apps, schema_editor):
    SopVersion = apps.get_model("reports", "SopVersion")
    SopActivity = apps.get_model("reports", "SopActivity")
    if SopVersion.objects.filter(number=NUMBER).exists():
        return
    version = SopVersion.objects.create(**VERSION)
    SopActivity.objects.bulk_create(
        SopActivity(
            version=version,
            order=order,
            text=text,
            text_en=text_en,
            officer_1=one,
            officer_2=two,
            supervisor=supervisor,
            requirements=requirements,
            requirements_en=requirements_en,
            standard_minutes=minutes,
            output=output,
            output_en=output_en,
        )
        for (
            order,
            text,
            text_en,
            one,
            two,
            supervisor,
            requirements,
            requirements_en,
            minutes,
            output,
            output_en,
        ) in ACTIVITIES
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
