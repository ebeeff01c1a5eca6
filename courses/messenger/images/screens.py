# Pictures of the course 카카오톡: a practice messenger app named 말벗톡 (invented), laid out
# like the messengers learners use.

TALK = "#F9E000"
ROOM = "#B2C7DA"

s, _ = phone("chat-list")
app_bar(s, "말벗톡  채팅", color=TALK, back=False, text=INK)
for i, (key, name, last, color) in enumerate([
        ("daughter", "큰딸 민지", "엄마, 주말에 갈게요", ORANGE),
        ("son", "아들 준호", "사진 잘 받았어요", BLUE),
        ("club", "경로당 친구들", "내일 10시에 만나요", GREEN),
        ("clinic", "읍내 보건소", "예방접종 안내입니다", GREY)]):
    y = 215 + i * 150
    s.button(key, 565, y, 470, 140, "", fill=PAPER, color=INK, rx=8)
    s.circle(630, y + 70, 45, color)
    icon_person(s, 630, y + 75, 40, fill=PAPER)
    s.text(700, y + 48, name, 36, INK, anchor="start", bold=True)
    s.text(700, y + 98, last, 28, GREY, anchor="start")
    s.line(580, y + 142, 1020, y + 142, LINE, 2)


def room(name, typed=None, sent=None, photo=False):
    s, _ = phone(name, screen=ROOM)
    app_bar(s, "큰딸 민지", color=ROOM, text=INK)
    s.rect(580, 230, 330, 90, PAPER, rx=24)
    s.text(600, 275, "엄마, 주말에 갈게요", 30, INK, anchor="start")
    if sent:
        s.rect(730, 350, 290, 90, TALK, rx=24)
        s.text(1000, 395, sent, 32, INK, anchor="end")
        s.text(712, 425, "1", 28, ORANGE, anchor="end", bold=True)
    if photo:
        s.rect(760, 460, 260, 200, "#7FB3E6", rx=16)
        s.poly([(760, 660), (850, 560), (930, 620), (1020, 560), (1020, 660)], "#3E7D3E")
    s.rect(560, 730, 480, 100, PAPER)
    s.button("plus", 570, 742, 76, 76, "+", fill=LIGHT, color=INK, size=54, rx=38)
    s.button("input", 656, 742, 280, 76, "", fill=LIGHT, color=INK, rx=38)
    s.text(676, 780, typed or "메시지 입력", 30, INK if typed else GREY, anchor="start")
    s.button("send", 946, 742, 84, 76, "전송", fill=TALK if typed else LIGHT, color=INK,
             size=28, rx=20)
    return s


room("chat-room")
room("chat-typed", typed="잘 지내니")
room("chat-sent", sent="잘 지내니")

s = room("attach-menu", sent="잘 지내니")
s.rect(560, 520, 480, 210, PAPER)
for i, (key, label, icon) in enumerate([("album", "앨범", None), ("camera", "카메라", icon_camera),
                                        ("file", "파일", icon_doc)]):
    x = 585 + i * 150
    s.button(key, x, 540, 130, 170, "", fill=LIGHT, color=INK, rx=20)
    if icon:
        icon(s, x + 65, 600, 36)
    else:
        s.rect(x + 30, 570, 70, 60, "#7FB3E6", rx=6)
        s.poly([(x + 30, 630), (x + 55, 595), (x + 80, 615), (x + 100, 590), (x + 100, 630)],
               "#3E7D3E")
    s.text(x + 65, 675, label, 30, INK, bold=True)

s, _ = phone("gallery")
app_bar(s, "앨범", color=PAPER, text=INK)
COLORS = ["#7FB3E6", "#F2B5A0", "#A5D6A7", "#FFE082", "#CE93D8", "#90CAF9"]
for i, c in enumerate(COLORS):
    x = 575 + (i % 3) * 152
    y = 215 + (i // 3) * 152
    s.button(f"photo-{i}", x, y, 142, 142, "", fill=c, color=INK, rx=6)
s.circle(705, 235, 18, PAPER, stroke=GREY, sw=3)
s.text(800, 580, "보낼 사진을 누르세요", 32, GREY)
s.button("send", 600, 700, 400, 100, "전송", fill=LIGHT, color=GREY, size=40)

s, _ = phone("gallery-picked")
app_bar(s, "앨범", color=PAPER, text=INK)
for i, c in enumerate(COLORS):
    x = 575 + (i % 3) * 152
    y = 215 + (i // 3) * 152
    s.button(f"photo-{i}", x, y, 142, 142, "", fill=c, color=INK, rx=6,
             stroke=BLUE if i == 0 else None, sw=10 if i == 0 else 0)
s.circle(705, 235, 20, BLUE)
s.text(705, 235, "1", 26, PAPER, bold=True)
s.text(800, 580, "사진 1장을 골랐습니다", 32, INK, bold=True)
s.button("send", 600, 700, 400, 100, "전송 (1)", fill=TALK, color=INK, size=40)

s, _ = phone("video-incoming", screen="#263238")
s.circle(800, 300, 100, ORANGE)
icon_person(s, 800, 310, 90, fill=PAPER)
s.text(800, 460, "큰딸 민지", 48, PAPER, bold=True)
s.text(800, 520, "영상통화가 왔습니다", 32, PAPER)
s.button("decline", 590, 640, 190, 150, "", fill=RED, color=PAPER, rx=75)
icon_handset(s, 685, 720, 50)
s.text(685, 815, "거절", 30, PAPER, bold=True)
s.button("accept", 820, 640, 190, 150, "", fill=GREEN, color=PAPER, rx=75)
icon_video(s, 925, 715, 45)
s.text(915, 815, "받기", 30, PAPER, bold=True)

s, _ = phone("video-call", screen="#37474F", status=False)
s.rect(560, 70, 480, 760, "#F2B5A0", rx=10)
s.circle(800, 330, 130, "#E07A5F")
s.rect(880, 100, 140, 190, "#90A4AE", rx=12)
icon_person(s, 950, 200, 60, fill=PAPER)
s.text(800, 560, "큰딸 민지  00:42", 32, INK, bold=True)
s.button("switch", 590, 660, 130, 130, "화면\n전환", fill="#546E7A", color=PAPER, size=28, rx=65)
s.button("mute", 735, 660, 130, 130, "소리\n끄기", fill="#546E7A", color=PAPER, size=28, rx=65)
s.button("hang-up", 880, 660, 130, 130, "끊기", fill=RED, color=PAPER, size=32, rx=65)
