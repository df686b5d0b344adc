print("pdl")
