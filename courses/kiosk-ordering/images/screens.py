# Pictures of the course 키오스크로 주문하기: the 든든버거 and 햇살커피 ordering kiosks and a
# 무인민원발급기 (all brands invented for practice).

BURGER = "#C62828"
CAFE = "#4E342E"
CIVIL = "#0D47A1"

# A standing ordering kiosk, seen from the front.
s = Screen("kiosk-machine", bg=LIGHT)
s.rect(560, 40, 480, 820, "#37474F", rx=30)
s.rect(590, 80, 420, 560, PAPER, rx=8)
s.rect(590, 80, 420, 70, BURGER)
s.text(800, 115, "든든버거", 34, PAPER, bold=True)
s.button("eat-in", 615, 300, 180, 200, "매장", fill=SKY, color=INK, size=38)
s.button("take-out", 805, 300, 180, 200, "포장", fill=CREAM, color=INK, size=38)
s.rect(640, 680, 150, 24, INK, rx=6)
s.text(715, 740, "카드 넣는 곳", 26, PAPER)
s.rect(840, 680, 130, 24, INK, rx=6)
s.text(905, 740, "영수증", 26, PAPER)
note(s, 1110, 180, 420, 150, "주문과 결제를\n받는 기계", 44)
note(s, 70, 180, 420, 150, "천천히 눌러도\n괜찮아요", 44, fill=MINT)

# 든든버거: where to eat.
s = kiosk("burger-start", "든든버거", BURGER)
s.text(800, 240, "어디에서 드시나요?", 60, INK, bold=True)
s.button("eat-in", 160, 340, 600, 440, "", fill=SKY, color=INK)
icon_tray(s, 460, 500, 110)
s.text(460, 700, "매장에서 먹기", 56, INK, bold=True)
s.button("take-out", 840, 340, 600, 440, "", fill=CREAM, color=INK)
icon_bag(s, 1140, 500, 110)
s.text(1140, 700, "포장하기", 56, INK, bold=True)

BURGERS = [("bulgogi", "불고기버거", "5,500원"), ("cheese", "치즈버거", "5,200원"),
           ("shrimp", "새우버거", "5,800원"), ("chicken", "닭가슴살버거", "6,200원")]


def burger_menu(name):
    s = kiosk(name, "든든버거", BURGER, title="포장 주문")
    for i, (key, label) in enumerate([("tab-best", "추천"), ("tab-burger", "버거"),
                                      ("tab-side", "사이드"), ("tab-drink", "음료")]):
        s.button(key, 60 + i * 250, 160, 230, 90, label, fill=BURGER if i == 1 else LIGHT,
                 color=PAPER if i == 1 else INK, size=40)
    for i, (key, label, price) in enumerate(BURGERS):
        s.card(key, 60 + i * 300, 280, 280, 400, label, price, icon_burger)
    s.rect(24, 700, W - 48, 176, LIGHT)
    s.text(80, 790, "장바구니  0개", 44, INK, anchor="start", bold=True)
    return s


burger_menu("burger-menu")

# 든든버거: single or set.
s = burger_menu("burger-set")
popup(s, 300, 170, 1000, 640, "불고기버거", "어떻게 드릴까요?")
s.button("single", 360, 420, 420, 250, "단품", fill=LIGHT, color=INK, size=52,
         sub="5,500원", sub_size=40)
s.button("set", 820, 420, 420, 250, "세트", fill=BURGER, size=52,
         sub="7,500원", sub_size=40)
s.text(1030, 700, "버거 + 감자튀김 + 음료", 30, GREY)
s.button("cancel", 650, 725, 300, 70, "취소", fill=PAPER, color=GREY, size=38, stroke=LINE, sw=3)

# 든든버거: the upsell that tempts with a big bright button.
s = burger_menu("burger-upsell")
popup(s, 300, 170, 1000, 640, "함께 드시면 더 맛있어요!", "치즈스틱 2,000원을 추가하시겠어요?")
icon_fries(s, 800, 470, 90)
s.button("add", 360, 610, 560, 150, "추가하기", fill=ORANGE, size=56)
s.button("no-thanks", 950, 610, 290, 150, "추가 안 함", fill=LIGHT, color=INK, size=40)

# 든든버거: the cart.
s = kiosk("burger-cart", "든든버거", BURGER, title="장바구니")
s.rect(60, 170, 1480, 170, LIGHT, rx=20)
icon_burger(s, 150, 255, 50)
s.text(230, 230, "불고기버거 세트", 48, INK, anchor="start", bold=True)
s.text(230, 295, "감자튀김, 콜라", 34, GREY, anchor="start")
s.button("minus", 880, 210, 90, 90, "-", fill=PAPER, color=INK, size=60, stroke=LINE, sw=3)
s.text(1010, 255, "1", 52, INK, bold=True)
s.button("plus", 1050, 210, 90, 90, "+", fill=PAPER, color=INK, size=60, stroke=LINE, sw=3)
s.text(1300, 255, "7,500원", 48, INK, bold=True)
s.button("delete", 1420, 215, 100, 80, "삭제", fill=PINK, color=RED, size=34)
s.text(1520, 450, "합계  7,500원", 60, INK, anchor="end", bold=True)
s.button("more", 160, 620, 560, 190, "메뉴 더 담기", fill=LIGHT, color=INK, size=50)
s.button("pay", 880, 620, 560, 190, "결제하기", fill=BURGER, size=56)

# 든든버거: how to pay.
s = kiosk("burger-pay", "든든버거", BURGER, title="결제 방법")
s.text(800, 220, "결제 방법을 골라 주세요", 54, INK, bold=True)
for i, (key, label, icon) in enumerate([("card", "카드 결제", icon_card),
                                        ("mobile", "모바일 결제", icon_phone),
                                        ("coupon", "쿠폰 사용", icon_receipt)]):
    x = 100 + i * 480
    s.button(key, x, 300, 440, 420, "", fill=LIGHT, color=INK)
    icon(s, x + 220, 450, 90)
    s.text(x + 220, 640, label, 50, INK, bold=True)
s.text(800, 790, "현금은 카운터에서 내 주세요", 38, GREY)

# 든든버거: insert the card.
s = kiosk("burger-card-insert", "든든버거", BURGER, title="카드 결제", home=False)
s.text(800, 240, "카드를 아래 투입구에 꽂아 주세요", 56, INK, bold=True)
s.text(800, 320, "결제가 끝날 때까지 빼지 마세요", 44, RED, bold=True)
s.rect(500, 720, 600, 40, INK, rx=10)
icon_card(s, 800, 560, 150)
s.path("M 800 380 V 440 M 800 440 l -30 -30 M 800 440 l 30 -30", stroke=BLUE, sw=10)
s.text(800, 820, "결제 금액 7,500원", 44, INK, bold=True)

# 든든버거: receipt or not.
s = kiosk("burger-receipt", "든든버거", BURGER, title="결제 완료", home=False)
s.text(800, 250, "결제가 끝났습니다", 60, GREEN, bold=True)
s.text(800, 340, "영수증에 주문 번호가 나옵니다", 44, INK)
s.button("print", 160, 460, 600, 280, "영수증 출력", fill=BURGER, size=56)
s.button("no-print", 840, 460, 600, 280, "출력 안 함", fill=LIGHT, color=INK, size=56)

# 든든버거: the order number.
s = Screen("burger-number", bg=LIGHT)
icon_receipt(s, 450, 450, 330)
s.text(450, 300, "주문 번호", 44, INK, bold=True)
s.text(450, 430, "127", 150, BURGER, bold=True)
s.rect(950, 200, 560, 400, "#263238", rx=24)
s.text(1230, 270, "준비 완료", 48, YELLOW, bold=True)
s.text(1230, 420, "125   126   127", 70, PAPER, bold=True)
note(s, 950, 660, 560, 140, "내 번호가 나오면\n카운터에서 받기", 44)

# 햇살커피 -------------------------------------------------------------------------------
s = kiosk("cafe-start", "햇살커피", CAFE)
s.text(800, 240, "드시고 가세요? 가져가세요?", 60, INK, bold=True)
s.button("eat-in", 160, 340, 600, 440, "", fill=CREAM, color=INK)
icon_cup(s, 460, 500, 110)
s.text(460, 700, "매장", 60, INK, bold=True)
s.button("take-out", 840, 340, 600, 440, "", fill=MINT, color=INK)
icon_bag(s, 1140, 500, 110, fill=GREEN)
s.text(1140, 700, "포장", 60, INK, bold=True)

COFFEE = [("americano", "아메리카노", "3,500원"), ("latte", "카페라테", "4,500원"),
          ("mocha", "카페모카", "5,000원"), ("vanilla", "바닐라라테", "5,000원")]
TEA = [("citron", "유자차", "4,500원"), ("jujube", "대추차", "5,000원"),
       ("ginger", "생강차", "4,500원"), ("green", "녹차", "4,000원")]


def cafe_menu(name, tab, items):
    s = kiosk(name, "햇살커피", CAFE, title="매장 주문")
    for i, (key, label) in enumerate([("tab-coffee", "커피"), ("tab-tea", "차"),
                                      ("tab-drink", "음료"), ("tab-dessert", "디저트")]):
        s.button(key, 60 + i * 250, 160, 230, 90, label, fill=CAFE if i == tab else LIGHT,
                 color=PAPER if i == tab else INK, size=40)
    for i, (key, label, price) in enumerate(items):
        s.card(key, 60 + i * 300, 280, 280, 400, label, price,
               lambda s, x, y, r: icon_cup(s, x, y, r, coffee=BROWN if tab == 0 else ORANGE))
    s.rect(24, 700, W - 48, 176, LIGHT)
    s.button("back", 60, 730, 260, 110, "이전", fill=PAPER, color=INK, size=44, stroke=LINE, sw=3)
    s.text(400, 785, "장바구니  0개", 44, INK, anchor="start", bold=True)
    return s


cafe_menu("cafe-menu-tea", 1, TEA)
cafe_menu("cafe-menu", 0, COFFEE)


def cafe_options(name, hot):
    s = cafe_menu(name, 0, COFFEE)
    popup(s, 250, 160, 1100, 700, "카페라테  4,500원")
    s.text(330, 330, "온도", 44, INK, anchor="start", bold=True)
    s.button("hot", 480, 270, 380, 120, "따뜻하게", fill=RED if hot else PAPER,
             color=PAPER if hot else RED, size=46, stroke=RED, sw=4)
    s.button("ice", 900, 270, 380, 120, "차갑게", fill=PAPER, color=BLUE, size=46,
             stroke=BLUE, sw=4)
    s.text(330, 500, "크기", 44, INK, anchor="start", bold=True)
    s.button("regular", 480, 440, 380, 120, "보통", fill=CAFE, size=46)
    s.button("large", 900, 440, 380, 120, "크게 +500원", fill=PAPER, color=INK, size=40,
             stroke=LINE, sw=4)
    s.button("cancel", 330, 650, 400, 140, "취소", fill=LIGHT, color=INK, size=48)
    s.button("add", 780, 650, 500, 140, "담기", fill=GREEN if hot else "#9E9E9E", size=54)
    return s


cafe_options("cafe-options", False)
cafe_options("cafe-options-hot", True)

# 햇살커피: the time-out warning.
s = cafe_menu("cafe-timeout", 0, COFFEE)
popup(s, 300, 170, 1000, 620, "시간이 얼마 남지 않았습니다", "계속 주문하시려면 '계속하기'를 눌러 주세요")
s.circle(800, 470, 75, PINK, stroke=RED, sw=8)
s.text(800, 470, "30", 70, RED, bold=True)
s.button("restart", 360, 580, 380, 150, "처음으로", fill=LIGHT, color=INK, size=48)
s.button("continue", 780, 580, 460, 150, "계속하기", fill=BLUE, size=54)


def cafe_cart(name, with_cake):
    s = kiosk(name, "햇살커피", CAFE, title="장바구니")
    rows = [("latte", "카페라테 (따뜻하게, 보통)", "4,500원")]
    if with_cake:
        rows.append(("cake", "조각 케이크", "5,000원"))
    for i, (key, label, price) in enumerate(rows):
        y = 170 + i * 190
        s.rect(60, y, 1480, 170, LIGHT, rx=20)
        (icon_cup if key == "latte" else icon_cake)(s, 150, y + 85, 50)
        s.text(230, y + 85, label, 44, INK, anchor="start", bold=True)
        s.text(1290, y + 85, price, 46, INK, anchor="end", bold=True)
        s.button(f"delete-{key}", 1340, y + 35, 170, 100, "삭제", fill=PINK, color=RED, size=40)
    total = "9,500원" if with_cake else "4,500원"
    s.text(1520, 610, f"합계  {total}", 56, INK, anchor="end", bold=True)
    s.button("back", 160, 680, 560, 160, "이전", fill=LIGHT, color=INK, size=52)
    s.button("pay", 880, 680, 560, 160, "결제하기", fill=CAFE, size=56)
    return s


cafe_cart("cafe-cart", True)
cafe_cart("cafe-cart-fixed", False)

s = kiosk("cafe-pay", "햇살커피", CAFE, title="결제 방법")
s.text(800, 220, "어떻게 결제하시겠어요?", 54, INK, bold=True)
for i, (key, label, icon) in enumerate([("card", "카드 결제", icon_card),
                                        ("mobile", "휴대폰 간편결제", icon_phone),
                                        ("points", "적립·쿠폰", icon_receipt)]):
    x = 100 + i * 480
    s.button(key, x, 300, 440, 420, "", fill=LIGHT, color=INK)
    icon(s, x + 220, 450, 90)
    s.text(x + 220, 640, label, 46, INK, bold=True)

# 무인민원발급기 -----------------------------------------------------------------------------
s = Screen("civil-machine", bg=LIGHT)
s.rect(520, 30, 560, 840, "#546E7A", rx=24)
s.rect(560, 70, 480, 380, PAPER, rx=8)
s.rect(560, 70, 480, 64, CIVIL)
s.text(800, 102, "무인민원발급기", 32, PAPER, bold=True)
s.text(800, 280, "원하시는 서류를\n골라 주세요", 40, INK, bold=True)
s.rect(600, 490, 180, 120, "#263238", rx=14)
icon_fingerprint(s, 690, 550, 50, fill="#80CBC4")
s.text(690, 640, "지문", 30, PAPER, bold=True)
s.rect(830, 500, 170, 30, INK, rx=8)
s.text(915, 560, "카드·현금", 28, PAPER)
s.rect(600, 720, 400, 50, INK, rx=10)
s.text(800, 810, "서류 나오는 곳", 34, PAPER, bold=True)
note(s, 1130, 200, 420, 150, "주민센터, 역,\n병원에 있어요", 42)
note(s, 60, 200, 420, 150, "신분증 대신\n지문으로 확인", 42, fill=MINT)

s = kiosk("civil-start", "무인민원발급기", CIVIL)
s.text(800, 215, "발급할 서류의 종류를 골라 주세요", 50, INK, bold=True)
for i, (key, label) in enumerate([("resident", "주민등록"), ("family", "가족관계"),
                                  ("land", "토지·건축"), ("car", "자동차"), ("tax", "세금"),
                                  ("welfare", "보건·복지")]):
    x = 90 + (i % 3) * 480
    y = 290 + (i // 3) * 290
    s.button(key, x, y, 440, 250, label, fill=CIVIL if i == 0 else SKY,
             color=PAPER if i == 0 else INK, size=54)

s = kiosk("civil-resident", "무인민원발급기", CIVIL, title="주민등록")
for i, (key, label) in enumerate([("copy", "주민등록표 등본"), ("abstract", "주민등록표 초본"),
                                  ("household", "전입세대 열람")]):
    s.button(key, 200, 180 + i * 200, 1200, 170, label, fill=SKY, color=INK, size=56)
s.button("back", 60, 780, 240, 80, "이전", fill=LIGHT, color=INK, size=40)

s = kiosk("civil-fingerprint", "무인민원발급기", CIVIL, title="본인 확인")
s.text(420, 230, "주민등록번호 입력", 46, INK, bold=True)
s.rect(110, 280, 620, 100, LIGHT, rx=14, stroke=LINE, sw=3)
s.text(420, 330, "●●●●●● - ●●●●●●●", 44, INK)
for i, k in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "지움", "0", "확인"]):
    x = 110 + (i % 3) * 210
    y = 410 + (i // 3) * 115
    s.rect(x, y, 190, 100, SKY if k not in ("지움", "확인") else LIGHT, rx=14)
    s.text(x + 95, y + 50, k, 44, INK, bold=True)
s.text(1180, 230, "지문 확인", 46, INK, bold=True)
s.rect(960, 290, 440, 440, "#263238", rx=30)
icon_fingerprint(s, 1180, 500, 150, fill="#80CBC4")
s.text(1180, 790, "손가락을 올려 주세요", 40, INK, bold=True)

s = kiosk("civil-options", "무인민원발급기", CIVIL, title="주민등록표 등본")
s.text(800, 220, "발급할 내용을 골라 주세요", 54, INK, bold=True)
s.button("basic", 160, 300, 600, 380, "기본 내용으로\n발급", fill=CIVIL, size=56)
s.button("custom", 840, 300, 600, 380, "내용을 골라서\n발급", fill=SKY, color=INK, size=56)
s.text(800, 760, "잘 모르시면 '기본 내용으로 발급'을 누르세요", 40, GREY)

s = kiosk("civil-pay", "무인민원발급기", CIVIL, title="수수료 결제")
s.text(800, 220, "주민등록표 등본 1통   수수료 200원", 50, INK, bold=True)
for i, (key, label, icon) in enumerate([("cash", "현금", icon_cash), ("card", "카드", icon_card)]):
    x = 200 + i * 640
    s.button(key, x, 300, 560, 420, "", fill=LIGHT, color=INK)
    icon(s, x + 280, 450, 100)
    s.text(x + 280, 640, label, 56, INK, bold=True)
s.text(800, 790, "서류는 아래쪽 나오는 곳으로 나옵니다", 40, GREY)
