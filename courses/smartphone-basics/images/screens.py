# Pictures of the course 스마트폰 첫걸음 (run scripts/illustrate to redraw the SVGs).

# The buttons on the sides of a phone.
s, _ = phone("phone-buttons", screen="#1F2A44")
s.text(800, 450, "스마트폰", 56, PAPER, bold=True)
s.path("M 1080 245 H 1180", stroke=RED, sw=8)
note(s, 1190, 190, 360, 110, "전원 버튼", 48, fill=PINK)
s.path("M 520 260 H 420", stroke=BLUE, sw=8)
note(s, 60, 150, 350, 110, "소리 크게", 48, fill=SKY)
note(s, 60, 280, 350, 110, "소리 작게", 48, fill=SKY)
s.path("M 520 310 H 420", stroke=BLUE, sw=8)

# Turning on: a finger holds the power button.
s, _ = phone("power-on", screen=INK, status=False)
s.text(800, 440, "전원 버튼을\n길게 누르세요", 50, PAPER, bold=True)
icon_finger(s, 1180, 330, 150)
s.path("M 1090 245 L 1150 200", stroke=RED, sw=6)
note(s, 1160, 620, 400, 130, "2~3초\n꾹 누르고 기다리기", 40, fill=CREAM)

# The lock screen.
s, _ = phone("lock-screen", screen="#20406A")
s.text(800, 250, "9:41", 120, PAPER, bold=True)
s.text(800, 350, "11월 22일 일요일", 40, PAPER)
icon_lock(s, 800, 600, 50, fill=PAPER)
s.path("M 800 800 V 700 M 800 700 l -30 30 M 800 700 l 30 30", stroke=YELLOW, sw=10)
note(s, 1120, 620, 440, 150, "아래에서 위로\n밀어 올리기", 44)

# The power menu that a long press opens.
s, _ = phone("power-menu", screen="#3A3F47")
s.text(800, 170, "전원 메뉴", 44, PAPER, bold=True)
s.button("power-off", 600, 240, 400, 140, "전원 끄기", fill=RED, size=46)
s.button("restart", 600, 410, 400, 140, "다시 시작", fill=PAPER, color=INK, size=46)
s.button("emergency", 600, 580, 400, 140, "긴급 전화", fill="#F9DEDC", color=RED, size=46)

# Tapping gently with the fingertip.
s = Screen("finger-tap", bg=LIGHT)
s.rect(500, 80, 600, 600, PAPER, rx=40, stroke=LINE, sw=4)
s.circle(800, 330, 120, SKY, stroke=BLUE, sw=8)
s.circle(800, 330, 60, BLUE)
icon_finger(s, 800, 480, 250)
s.text(800, 790, "손가락 끝으로 가볍게 톡!", 64, INK, bold=True)

# The home screen with its apps.
s, _ = phone("home-screen", screen="#DDE7F7")
APPS = [("phone", "전화", GREEN), ("message", "문자", BLUE), ("camera", "카메라", "#444B55"),
        ("gallery", "사진", ORANGE), ("settings", "설정", "#5F6368"), ("clock", "시계", "#6D4AFF")]
for i, (key, label, color) in enumerate(APPS):
    x = 590 + (i % 3) * 150
    y = 150 + (i // 3) * 230
    s.rect(x, y, 120, 120, color, rx=30)
    if key == "camera":
        icon_camera(s, x + 60, y + 60, 36, fill=PAPER)
    elif key == "settings":
        icon_gear(s, x + 60, y + 60, 38, fill=PAPER)
    elif key == "phone":
        icon_handset(s, x + 60, y + 75, 40)
    elif key == "message":
        icon_chat(s, x + 60, y + 60, 38, fill=PAPER, stroke=PAPER)
    elif key == "gallery":
        s.circle(x + 40, y + 45, 14, YELLOW)
        s.poly([(x + 20, y + 100), (x + 60, y + 55), (x + 100, y + 100)], PAPER)
    else:
        s.circle(x + 60, y + 60, 38, PAPER)
        s.line(x + 60, y + 60, x + 60, y + 35, INK, 6)
        s.line(x + 60, y + 60, x + 80, y + 70, INK, 6)
    s.text(x + 60, y + 160, label, 34, INK, bold=True)
    s.spot(key, x - 15, y - 10, 150, 200)
s.rect(580, 740, 440, 70, PAPER, rx=35)
s.text(800, 775, "검색", 30, GREY)

# The menu of a photo opened by a long press.
s, _ = phone("photo-menu", screen=INK)
s.rect(560, 200, 480, 360, "#7FB3E6")
s.poly([(560, 560), (720, 380), (860, 500), (940, 430), (1040, 560)], "#3E7D3E")
s.circle(930, 280, 40, YELLOW)
s.rect(600, 600, 400, 200, PAPER, rx=24)
s.button("share", 600, 600, 400, 66, "공유", fill=PAPER, color=INK, size=38)
s.button("copy", 600, 667, 400, 66, "복사", fill=PAPER, color=INK, size=38)
s.button("delete", 600, 734, 400, 66, "삭제", fill=PAPER, color=RED, size=38)
s.line(620, 667, 980, 667, LINE, 2)
s.line(620, 734, 980, 734, LINE, 2)

# Swiping between photos.
s, _ = phone("swipe", screen=INK)
s.rect(560, 250, 480, 360, "#F2B5A0")
s.circle(800, 430, 110, "#E07A5F")
s.path("M 980 700 H 640 M 640 700 l 40 -35 M 640 700 l 40 35", stroke=YELLOW, sw=14)
note(s, 1110, 380, 430, 150, "옆으로\n쓱 밀기", 52)

# Dragging a photo onto the bin.
s = Screen("drag", bg=LIGHT)
s.rect(200, 250, 300, 300, "#7FB3E6", rx=20, stroke=INK, sw=5)
s.poly([(200, 550), (300, 420), (400, 500), (500, 420), (500, 550)], "#3E7D3E")
icon_finger(s, 380, 520, 150)
s.path("M 560 400 H 1080 M 1080 400 l -45 -40 M 1080 400 l -45 40", stroke=BLUE, sw=14)
icon_trash(s, 1300, 400, 170)
s.text(1300, 650, "휴지통", 56, INK, bold=True)
s.text(800, 800, "누른 채로 옮겨서, 놓기", 60, INK, bold=True)

# The volume panel.
s, _ = phone("volume-panel", screen="#DDE7F7")
s.rect(590, 150, 420, 560, PAPER, rx=40, stroke=LINE, sw=3)
s.text(800, 200, "소리", 40, INK, bold=True)
s.button("louder", 640, 240, 320, 130, "+  크게", fill=BLUE, size=48)
s.rect(760, 390, 80, 160, LIGHT, rx=20)
s.rect(760, 470, 80, 80, BLUE, rx=20)
s.button("quieter", 640, 570, 320, 110, "-  작게", fill=SKY, color=INK, size=44)
s.button("mute", 850, 720, 150, 90, "무음", fill=LIGHT, color=INK, size=34)

# The settings list.
s, _ = phone("settings")
app_bar(s, "설정", color="#3C4043")
for i, (key, label) in enumerate([("wifi", "와이파이"), ("sound", "소리"), ("display", "화면"),
                                  ("battery", "배터리"), ("about", "휴대전화 정보")]):
    y = 215 + i * 120
    s.button(key, 570, y, 460, 110, label, fill=PAPER, color=INK, size=42, rx=12)
    s.line(590, y + 115, 1010, y + 115, LINE, 2)
    s.path(f"M 985 {y + 40} l 20 15 l -20 15", stroke=GREY, sw=5)

# The text size setting.
s, _ = phone("font-size")
app_bar(s, "화면", color="#3C4043")
s.text(800, 270, "글자 크기", 44, INK, bold=True)
s.text(800, 400, "가나다라", 56, INK)
s.line(640, 560, 960, 560, LINE, 14)
s.circle(700, 560, 26, BLUE)
s.button("smaller", 580, 500, 110, 120, "가", fill=LIGHT, color=INK, size=30)
s.button("larger", 910, 480, 120, 160, "가", fill=LIGHT, color=INK, size=80)
s.text(800, 700, "오른쪽 큰 '가'를 누르면\n글자가 커집니다", 30, GREY)
