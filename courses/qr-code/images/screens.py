# Pictures of the course QR 코드 사용하기. The QR squares are made-up patterns, not codes.

s = Screen("qr-poster", bg=LIGHT)
s.rect(180, 60, 560, 780, PAPER, rx=20, stroke=LINE, sw=4)
s.text(460, 150, "읍내 보건소", 50, GREEN, bold=True)
s.text(460, 230, "건강 강좌 안내", 44, INK, bold=True)
icon_qr(s, 460, 480, 170)
s.text(460, 760, "휴대폰 카메라로 찍어 보세요", 32, GREY)
note(s, 900, 200, 560, 200, "QR 코드\n= 정보가 담긴 네모 그림", 46)
note(s, 900, 480, 560, 200, "카메라로 비추면\n인터넷 주소가 열려요", 46, fill=MINT)

s, _ = phone("home")
APPS = [("phone", "전화", GREEN), ("camera", "카메라", "#444B55"), ("gallery", "사진", ORANGE),
        ("settings", "설정", "#5F6368")]
for i, (key, label, color) in enumerate(APPS):
    x = 600 + (i % 2) * 220
    y = 160 + (i // 2) * 260
    s.button(key, x, y, 180, 180, "", fill=color, color=PAPER, rx=40)
    if key == "camera":
        icon_camera(s, x + 90, y + 90, 55, fill=PAPER)
    elif key == "settings":
        icon_gear(s, x + 90, y + 90, 55, fill=PAPER)
    elif key == "phone":
        icon_handset(s, x + 90, y + 110, 60)
    else:
        s.circle(x + 60, y + 60, 20, YELLOW)
        s.poly([(x + 30, y + 150), (x + 90, y + 80), (x + 150, y + 150)], PAPER)
    s.text(x + 90, y + 215, label, 36, INK, bold=True)


def camera(name, popup_link):
    s, _ = phone(name, screen="#303030")
    s.rect(560, 120, 480, 560, "#8D8D8D")
    icon_qr(s, 800, 390, 120)
    for (x, y, dx, dy) in ((640, 230, 1, 1), (960, 230, -1, 1), (640, 550, 1, -1), (960, 550, -1, -1)):
        s.path(f"M {x} {y + 50 * dy} V {y} H {x + 50 * dx}", stroke=YELLOW, sw=8)
    s.circle(800, 760, 50, PAPER, stroke="#BDBDBD", sw=8)
    if popup_link:
        s.button("open-link", 580, 590, 440, 90, "읍내보건소.kr 열기", fill=PAPER, color=BLUE,
                 size=32, rx=45)
    return s


camera("camera-aim", False)
camera("camera-link", True)

s, _ = phone("website")
app_bar(s, "읍내 보건소", color=GREEN, back=False)
s.text(800, 270, "건강 강좌 안내", 44, INK, bold=True)
for i, t in enumerate(["일시: 12월 3일 오전 10시", "장소: 보건소 2층", "내용: 겨울철 혈압 관리"]):
    s.text(600, 370 + i * 70, t, 32, INK, anchor="start")
s.rect(580, 620, 440, 110, GREEN, rx=20)
s.text(800, 675, "신청하기", 44, PAPER, bold=True)
note(s, 1100, 300, 450, 200, "주소가 믿을 만한\n곳인지 먼저\n확인하세요", 40)

s, _ = phone("checkin")
app_bar(s, "행사 출석 확인", color=BLUE, back=False)
s.text(800, 270, "경로당 건강 체조", 40, INK, bold=True)
s.text(800, 330, "12월 3일 오전 10시", 32, GREY)
s.text(800, 450, "이름: 김순자", 40, INK, bold=True)
s.button("checkin", 580, 560, 440, 140, "출석 확인", fill=BLUE, size=48)
s.button("close", 580, 720, 440, 90, "닫기", fill=LIGHT, color=INK, size=36)

s, _ = phone("checkin-done")
app_bar(s, "행사 출석 확인", color=BLUE, back=False)
s.circle(800, 380, 110, MINT, stroke=GREEN, sw=10)
s.path("M 745 380 l 40 40 l 75 -85", stroke=GREEN, sw=18)
s.text(800, 580, "출석이 확인되었습니다", 38, GREEN, bold=True)
s.text(800, 650, "경로당 건강 체조", 32, INK)
